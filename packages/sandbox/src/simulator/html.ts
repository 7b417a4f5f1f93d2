// The customer's Paysera app, reduced to what scan-and-pay needs. No build step: one static page whose
// script calls the sandbox's control API (same origin). Text is set with textContent, never innerHTML,
// so order descriptions from merchants cannot inject markup.
export const simulatorHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TillKit sandbox · wallet simulator</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d2433; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  input { width: 100%; padding: .6rem; font: inherit; box-sizing: border-box; }
  button { padding: .5rem 1rem; font: inherit; margin: .3rem .3rem 0 0; cursor: pointer; }
  .spot { border: 1px solid #ccd; border-radius: .5rem; padding: .7rem; margin: .5rem 0; }
  .status { font-weight: 600; } .muted { color: #667; font-size: .9rem; }
  #message { min-height: 1.5rem; margin-top: 1rem; } .error { color: #b00020; } .ok { color: #0a7a32; }
</style>
</head>
<body>
<h1>Wallet simulator</h1>
<p class="muted">Plays the customer: scan a table's QR code (or open <code>/simulator?code=PAYSERA*…</code>), see the order the till attached, pay (accept) or decline (reject).</p>
<form id="scan-form">
  <label for="code">QR code</label>
  <input id="code" name="code" placeholder="PAYSERA*9975:table1" autocomplete="off">
  <button type="submit">Scan</button>
</form>
<div id="message" role="status"></div>
<h2>Spots</h2>
<div id="spots"></div>
<script type="module">
const api = new URL('../_sandbox/wallet/', location.origin + location.pathname.replace(/\\/?$/, '/'));
const $ = (id) => document.getElementById(id);
function say(text, kind) { const m = $('message'); m.textContent = text; m.className = kind; }
async function call(method, path, body) {
  const res = await fetch(new URL(path, api), { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const data = await res.json();
  if (!res.ok) throw new Error(data.message || res.statusText);
  return data;
}
function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
function money(p) { return (p.price_decimal ?? (p.price / 100).toFixed(2)) + ' ' + p.currency; }
function render(spots) {
  const box = $('spots'); box.replaceChildren();
  for (const s of spots) {
    const card = el('div', undefined, 'spot');
    const code = 'PAYSERA*' + (s.place_info?.location_id ?? '?') + ':' + s.identifier;
    card.append(el('div', '#' + s.id + ' · ' + s.identifier + ' · ', 'title'));
    card.firstChild.append(el('span', s.status, 'status'));
    card.append(el('div', (s.place_info?.title ?? '') + ' · ' + code, 'muted'));
    const order = s.orders?.[0];
    if (order) {
      card.append(el('div', 'Order #' + order.id + ' (' + order.status + '), transaction ' + order.transaction_key + (order.transaction ? ' · ' + order.transaction.status : '')));
      for (const p of order.transaction?.payments ?? []) card.append(el('div', '• ' + p.description + ': ' + money(p)));
      if (order.status === 'pending') {
        const accept = el('button', 'Accept (pay)'); accept.onclick = () => act(s.id, 'accept');
        const reject = el('button', 'Reject'); reject.onclick = () => act(s.id, 'reject');
        card.append(accept, reject);
      }
    } else if (s.status === 'free') {
      const scan = el('button', 'Scan this table'); scan.onclick = () => scanCode(code);
      card.append(scan);
    } else card.append(el('div', 'Waiting for the till to attach an order…', 'muted'));
    box.append(card);
  }
}
async function refresh() { try { render((await call('GET', 'spots')).spots); } catch (e) { say(e.message, 'error'); } }
async function scanCode(code) { try { const s = await call('POST', 'scan', { code }); say('Checked in at ' + s.identifier + '.', 'ok'); refresh(); } catch (e) { say(e.message, 'error'); } }
async function act(id, what) { try { await call('POST', 'spots/' + id + '/' + what); say(what === 'accept' ? 'Paid: the transaction is reserved.' : 'Rejected.', 'ok'); refresh(); } catch (e) { say(e.message, 'error'); } }
$('scan-form').onsubmit = (ev) => { ev.preventDefault(); scanCode($('code').value.trim()); };
// A link such as /simulator?code=PAYSERA*9975:table1 stands for pointing the phone at that QR code.
const linked = new URLSearchParams(location.search).get('code');
if (linked) { $('code').value = linked; scanCode(linked); } else refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
`;
