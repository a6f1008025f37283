// The firmware vendor keys OTA trusts (examples/iot-edge/keys/*.pub; a test
// checks that this file holds exactly those). A manifest signed by anything
// else is refused.
export const TRUSTED_KEYS = [
  `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAESi4glGlEgkgBbQXDnQKCkTqbtRUH
e7YOZnjLYW450L9J7uOfyeQ/mvTB0LEzeQSX45wqdfP6c8QuGJN9eYj58g==
-----END PUBLIC KEY-----
`,
];
