// The demo: build the e-commerce example components, publish them into the
// embedded registry (an OCI image layout folder), compose the platform for
// `development`, serve it on localhost and send it a few requests.
// Filled by the compose issue (#6); until then it says so and fails.
process.stderr.write(
  [
    'flotilla demo: not implemented yet (issue #6).',
    'When it lands, this command builds the e-commerce services from examples/ecommerce,',
    'publishes them into the embedded registry (.flotilla/registry), composes the platform',
    "for 'development', serves it on http://127.0.0.1:8080 and sends it a few requests.",
    '',
  ].join('\n'),
);
process.exit(1);
