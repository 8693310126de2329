"""The self-contained web chat page (no external assets, no build step) served at ``GET /``.

With the demo's routes (``/control/demo``) it shows the persona panel, unread counts, the clock and the
invite link; on a bare simulator it falls back to the simulator's users. Every call is JSON and carries
``X-Burenbot-Secret``, the per-run value the server writes into the page.
"""

PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Burenbot — probeer de bot</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="burenbot-secret" content="{{SECRET}}">
<style>
:root{--blue:#517da2;--emoji:"Noto Color Emoji","Apple Color Emoji","Segoe UI Emoji","Segoe UI Symbol"}
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans","DejaVu Sans",Arial,sans-serif,var(--emoji);margin:0;
background:#e7ebf0;height:100vh;display:flex;flex-direction:column}
button,input{font-family:inherit;font-size:1em}
header{background:var(--blue);color:#fff;padding:.5em 1em}
header h1{font-size:1.15em;margin:0 0 .2em}header p{margin:0;font-size:.9em;opacity:.95;white-space:pre-line}
main{flex:1;display:flex;min-height:0}
aside{width:16em;background:#fff;border-right:1px solid #d5dbe2;overflow-y:auto;padding:.5em}
aside h2{font-size:.8em;text-transform:uppercase;color:#667;margin:.6em .3em .3em}
.persona{display:flex;align-items:center;gap:.5em;width:100%;border:0;background:none;padding:.25em .45em;
border-radius:.5em;cursor:pointer;text-align:left}
.persona:hover{background:#eef3f8}.persona.active{background:#dfe9f3}
.persona .who{flex:1}.persona .role{display:block;font-size:.8em;color:#667}
.badge{background:#4fae4e;color:#fff;border-radius:1em;padding:0 .5em;font-size:.8em;min-width:1.5em;
text-align:center}
#newcomer{margin:.4em .3em;display:flex;flex-wrap:wrap;gap:.3em}#newcomer input{flex:1 1 100%;padding:.3em}
#clockbox,#invitebox{margin:.6em .3em;font-size:.9em}#clockbox button{margin:.2em .2em 0 0}
#invite{word-break:break-all;font-family:monospace;font-size:.85em}
section{flex:1;display:flex;flex-direction:column;min-width:0}
#chathead{background:#fff;padding:.5em 1em;border-bottom:1px solid #d5dbe2;font-weight:600}
#chat{flex:1;overflow-y:auto;padding:1em;display:flex;flex-direction:column;gap:.4em}
.msg{max-width:75%;padding:.5em .8em;border-radius:.8em;white-space:pre-wrap;word-wrap:break-word}
.bot{background:#fff;align-self:flex-start}.user{background:#effdde;align-self:flex-end}
.msg img{max-width:100%;display:block;margin-bottom:.3em;border-radius:.4em}
.msg a.file{display:block;margin-bottom:.3em}
.row{display:flex;gap:.3em;margin-top:.3em}.row button{flex:1;padding:.4em;border:0;border-radius:.4em;
background:#dfe9f3;cursor:pointer}.row button:hover{background:#cddcec}.meta{font-size:.75em;color:#889}
form#send{display:flex;padding:.6em;gap:.6em;background:#fff}form#send input{flex:1;padding:.5em}
#toast{position:fixed;top:5em;left:50%;transform:translateX(-50%);background:#333;color:#fff;padding:.5em 1em;
border-radius:.5em;display:none;max-width:80%}
</style></head><body>
<header><h1>Burenbot — probeer de bot zonder Telegram</h1>
<p id="intro">Dit is de echte bot van Buren voor Buren, met een voorbeeldmaand van de L-flat.
Kies links wie je bent en praat met de bot, net als in Telegram.</p></header>
<main><aside>
<h2>Wie ben je?</h2><div id="personas"></div>
<div id="newcomer"><input id="newname" placeholder="Naam"><button id="add">+ Nieuwe bewoner</button></div>
<div id="clockbox"><h2>Klok</h2><div id="now"></div>
<button data-clock="+1h">+1 uur</button><button data-clock="morgen 9:00">morgen 9:00</button>
<button data-clock="+1w">+1 week</button></div>
<div id="invitebox"><h2>Uitnodiging</h2><div id="invite"></div></div>
</aside><section>
<div id="chathead">Kies links een persoon</div><div id="chat"></div>
<form id="send"><input id="text" placeholder="Bericht…" autocomplete="off"><button>Stuur</button></form>
</section></main><div id="toast"></div>
<script>
const $ = (id) => document.getElementById(id);
const SECRET = document.querySelector('meta[name="burenbot-secret"]').content;
const ROLES = {coordinator: "coördinator", volunteer: "vrijwilliger", newcomer: "nieuwkomer",
               stranger: "nog geen lid"};
let userId = null, demo = false, personas = [], seen = {}, seenAnswers = {}, busy = false;
let shownPanel = "", shownChat = "";  // redraw only what changed: a poll must not replace a button mid-click
async function api(path, body) {
  const options = {method: body ? "POST" : "GET",
                   headers: {"Content-Type": "application/json", "X-Burenbot-Secret": SECRET}};
  if (body) options.body = JSON.stringify(body);
  const response = await fetch("/control/" + path, options);
  const data = await response.json();
  if (!response.ok) { toast(data.error || "fout"); throw new Error(data.error); }
  return data;
}
function toast(text) { const t = $("toast"); t.textContent = text; t.style.display = "block";
  clearTimeout(toast.timer); toast.timer = setTimeout(() => t.style.display = "none", 3500); }
async function loadPersonas() {
  try {
    const data = await api("demo"); demo = true; personas = data.personas;
    $("now").textContent = data.now; $("invite").textContent = data.invite_link;
    if (data.intro) $("intro").textContent = data.intro;
  } catch (e) {
    const state = await api("state");
    personas = state.users.map(u => ({name: u.first_name, role: "", user_id: u.user_id,
                                      channel: "telegram", bot_messages: 0}));
    $("clockbox").style.display = "none"; $("invitebox").style.display = "none";
  }
  const unreadOf = (p) => p.user_id === userId ? 0 : (p.bot_messages || 0) - (seen[p.user_id] || 0);
  const panel = JSON.stringify([userId, personas.map(p => [p.name, p.role, p.channel, unreadOf(p)])]);
  if (panel === shownPanel) return;
  shownPanel = panel;
  const list = $("personas"); list.innerHTML = "";
  for (const p of personas) {
    const b = document.createElement("button");
    b.className = "persona" + (p.user_id === userId ? " active" : "");
    b.dataset.name = p.name; b.dataset.userId = p.user_id;
    const who = document.createElement("span"); who.className = "who"; who.textContent = p.name;
    const role = document.createElement("span"); role.className = "role";
    const channel = p.channel && p.channel !== "telegram" ? " · " + p.channel : "";  // WhatsApp later
    role.textContent = (ROLES[p.role] || p.role) + channel;
    who.appendChild(role); b.appendChild(who);
    const unread = unreadOf(p);
    if (unread > 0) { const badge = document.createElement("span"); badge.className = "badge";
      badge.textContent = unread; b.appendChild(badge); }
    b.onclick = () => choose(p.user_id);
    list.appendChild(b);
  }
}
async function choose(id) {
  userId = id; const p = personas.find(x => x.user_id === id);
  $("chathead").textContent = p ? p.name + (p.role ? " — " + (ROLES[p.role] || p.role) : "") : "";
  await refresh(); await loadPersonas();
}
function render(data) {
  const answers = data.callback_answers; const before = seenAnswers[userId];
  if (before !== undefined) for (const a of answers.slice(before)) if (a.text) toast(a.text);
  seenAnswers[userId] = answers.length;
  const key = JSON.stringify([userId, data.messages]);
  if (key === shownChat) return;
  shownChat = key;
  const chat = $("chat"); const atBottom = chat.scrollTop + chat.clientHeight >= chat.scrollHeight - 5;
  chat.innerHTML = "";
  let fromBot = 0;
  for (const m of data.messages) {
    if (m.from_bot) fromBot++;
    const div = document.createElement("div"); div.className = "msg " + (m.from_bot ? "bot" : "user");
    div.dataset.messageId = m.message_id;
    const media = "/control/media/" + userId + "/" + m.message_id;
    if (m.photo) { const img = document.createElement("img"); img.src = media; img.alt = "foto";
      div.appendChild(img); }
    if (m.document) { const a = document.createElement("a"); a.className = "file"; a.href = media;
      a.download = m.file_name || "bestand"; a.textContent = "📎 " + (m.file_name || "bestand");
      div.appendChild(a); }
    const text = document.createElement("div"); text.className = "text"; text.textContent = m.text;
    div.appendChild(text);
    if (m.pinned || m.edit_count) { const meta = document.createElement("div"); meta.className = "meta";
      meta.textContent = (m.pinned ? "📌 " : "") + (m.edit_count ? "bewerkt" : ""); div.appendChild(meta); }
    for (const row of m.buttons) { const r = document.createElement("div"); r.className = "row";
      for (const b of row) { const button = document.createElement("button"); button.textContent = b.text;
        if (b.url) button.onclick = () => window.open(b.url, "_blank");
        else button.onclick = () => act(() => api(demo ? "demo/press_button" : "press_button",
                          {user_id: userId, message_id: m.message_id, callback_data: b.callback_data}));
        r.appendChild(button); }
      div.appendChild(r); }
    chat.appendChild(div);
  }
  seen[userId] = fromBot;
  if (atBottom) chat.scrollTop = chat.scrollHeight;
}
async function refresh() { if (userId !== null) render(await api("chat/" + userId)); }
async function act(step) { busy = true; try { await step(); await refresh(); await loadPersonas(); }
  finally { busy = false; } }
$("add").onclick = () => act(async () => { const name = $("newname").value.trim(); if (!name) return;
  const u = await api(demo ? "demo/newcomer" : "users", {first_name: name}); $("newname").value = "";
  await loadPersonas(); await choose(u.user_id); });
for (const b of document.querySelectorAll("[data-clock]"))
  b.onclick = () => act(async () => { const r = await api("demo/clock", {spec: b.dataset.clock});
    $("now").textContent = r.now; });
$("send").onsubmit = (e) => { e.preventDefault(); const text = $("text").value;
  if (!text || userId === null) return; $("text").value = "";
  act(() => api(demo ? "demo/send_text" : "send_text", {user_id: userId, text})); };
loadPersonas().then(() => { if (personas.length) choose(personas[0].user_id); });
setInterval(() => { if (!busy) refresh().then(loadPersonas); }, 1500);
</script></body></html>
"""
