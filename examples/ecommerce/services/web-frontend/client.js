// The storefront's browser script, as text: web-frontend's view puts it in a
// <script> element. It talks to the platform's HTTP API (the gateway's
// routes) with fetch: product list, search, cart, checkout, order history.
export const CLIENT_SCRIPT = `
(() => {
  const $ = (sel) => document.querySelector(sel);
  const money = (cents) => '$' + (cents / 100).toFixed(2);
  const state = { user: $('#user').value, token: $('#token').value, products: [] };
  async function api(method, path, body) {
    const headers = { 'content-type': 'application/json' };
    if (state.token) headers.authorization = 'Bearer ' + state.token;
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: await res.json() };
  }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }
  function renderProducts(list) {
    const grid = $('#products');
    grid.replaceChildren(...list.map((p) => {
      const button = el('button', { id: 'add-' + p.id, 'data-product': p.id, type: 'button' }, 'Add to cart');
      if (p.available === 0) button.setAttribute('disabled', '');
      button.addEventListener('click', () => addToCart(p.id));
      return el('article', { class: 'product', 'data-product': p.id },
        el('h3', {}, p.name), el('p', { class: 'category' }, p.category),
        el('p', { class: 'price' }, money(p.priceCents)), el('p', { class: 'stock' }, p.available + ' in stock'), button);
    }));
    $('#product-count').textContent = list.length + ' products';
  }
  function renderCart(cart) {
    $('#cart-lines').replaceChildren(...cart.lines.map((l) => el('li', { 'data-product': l.productId }, l.quantity + ' × ' + l.name + ' — ' + money(l.lineTotalCents))));
    $('#cart-total').textContent = money(cart.totalCents);
    $('#cart-count').textContent = String(cart.itemCount);
    $('#checkout').disabled = cart.itemCount === 0;
  }
  function renderOrders(orders) {
    $('#order-list').replaceChildren(...orders.map((o) => el('li', { 'data-order': o.id }, o.id + ' — ' + money(o.totalCents) + ' — ' + o.status)));
  }
  function notice(text, kind) {
    const n = $('#notice');
    n.textContent = text;
    n.className = kind;
  }
  async function refresh() {
    renderCart((await api('GET', '/cart/' + state.user)).json);
    const orders = await api('GET', '/orders/' + state.user);
    if (orders.status === 200) renderOrders(orders.json.orders);
  }
  async function addToCart(id) {
    const r = await api('POST', '/cart/' + state.user + '/items', { productId: id, quantity: 1 });
    if (r.status !== 201) return notice(r.json.message, 'error');
    renderCart(r.json);
    notice('Added to the cart', 'ok');
  }
  $('#search').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = $('#q').value.trim();
    if (q === '') return renderProducts(state.products);
    const r = await api('GET', '/search?q=' + encodeURIComponent(q));
    const ids = r.json.hits.map((h) => h.productId);
    renderProducts(ids.map((id) => state.products.find((p) => p.id === id)).filter(Boolean));
  });
  $('#checkout-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await api('POST', '/checkout/' + state.user, { cardToken: $('#card').value });
    if (r.status !== 201) return notice('Checkout failed: ' + r.json.message, 'error');
    const o = r.json.order;
    $('#order-confirmation').textContent = 'Order ' + o.id + ' confirmed: ' + money(o.totalCents);
    notice('Thank you!', 'ok');
    renderCart(r.json.cartAfter);
    await refresh();
    state.products = (await api('GET', '/products')).json.products;
    renderProducts(state.products);
  });
  (async () => {
    state.products = (await api('GET', '/products')).json.products;
    renderProducts(state.products);
    await refresh();
    document.body.dataset.ready = 'true';
  })();
})();
`;
