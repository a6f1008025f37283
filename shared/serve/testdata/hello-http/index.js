// The serve tests' fixture: echoes the method, path and body, and counts the
// requests this instance has served.
let served = 0;

addEventListener('fetch', (event) =>
  event.respondWith(
    (async () => {
      served += 1;
      const url = new URL(event.request.url);
      const body = await event.request.text();
      return new Response(
        JSON.stringify({ hello: 'flotilla', method: event.request.method, path: url.pathname, query: url.search, body, served }),
        {
          status: url.pathname === '/missing' ? 404 : 200,
          headers: { 'content-type': 'application/json', 'x-served-by': 'hello-http' },
        },
      );
    })(),
  ),
);
