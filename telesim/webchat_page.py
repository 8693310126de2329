"""The self-contained web chat page (no external assets) served at ``GET /``."""

PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Burenbot — lokale chat</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#e7ebf0;display:flex;flex-direction:column;height:100vh}
header{background:#517da2;color:#fff;padding:.6em 1em;display:flex;gap:.6em;align-items:center;flex-wrap:wrap}
header select,header input,header button{font-size:1em}
#chat{flex:1;overflow-y:auto;padding:1em;display:flex;flex-direction:column;gap:.4em}
.msg{max-width:70%;padding:.5em .8em;border-radius:.8em;white-space:pre-wrap;word-wrap:break-word}
.bot{background:#fff;align-self:flex-start}.user{background:#effdde;align-self:flex-end}
.row{display:flex;gap:.3em;margin-top:.3em}.row button{flex:1;padding:.4em;border:0;border-radius:.4em;
background:#dfe9f3;cursor:pointer}.meta{font-size:.75em;color:#889}
form{display:flex;padding:.6em;gap:.6em;background:#fff}form input{flex:1;font-size:1em;padding:.5em}
#toast{position:fixed;top:4em;left:50%;transform:translateX(-50%);background:#333;color:#fff;padding:.5em 1em;
border-radius:.5em;display:none}
</style></head><body>
<header><strong>Burenbot (lokaal)</strong>
<label>Ik ben <select id="who"></select></label>
<input id="newname" placeholder="Nieuwe gebruiker"><button id="add">Toevoegen</button></header>
<div id="chat"></div><div id="toast"></div>
<form id="send"><input id="text" placeholder="Bericht…" autocomplete="off"><button>Stuur</button></form>
<script>
const $ = (id) => document.getElementById(id);
let userId = null, seenAnswers = 0;
async function api(path, body) {
  const options = body ? {method: "POST", headers: {"Content-Type": "application/json"},
                          body: JSON.stringify(body)} : {};
  const response = await fetch("/control/" + path, options);
  const data = await response.json();
  if (!response.ok) { toast(data.error || "fout"); throw new Error(data.error); }
  return data;
}
function toast(text) { const t = $("toast"); t.textContent = text; t.style.display = "block";
  setTimeout(() => t.style.display = "none", 2500); }
async function loadUsers() {
  const state = await api("state");
  const select = $("who"); const keep = userId;
  select.innerHTML = "";
  for (const u of state.users) { const o = document.createElement("option");
    o.value = u.user_id; o.textContent = u.first_name + " (" + u.user_id + ")"; select.appendChild(o); }
  if (keep !== null) select.value = keep;
  userId = select.value ? Number(select.value) : null;
}
function render(data) {
  const chat = $("chat"); const atBottom = chat.scrollTop + chat.clientHeight >= chat.scrollHeight - 5;
  chat.innerHTML = "";
  for (const m of data.messages) {
    const div = document.createElement("div"); div.className = "msg " + (m.from_bot ? "bot" : "user");
    const media = m.photo ? "[foto]" : m.document ? "[bestand " + (m.file_name || "") + "]" : "";
    div.textContent = m.text || media;
    if (m.pinned || m.edit_count) { const meta = document.createElement("div"); meta.className = "meta";
      meta.textContent = (m.pinned ? "📌 " : "") + (m.edit_count ? "bewerkt" : ""); div.appendChild(meta); }
    for (const row of m.buttons) { const r = document.createElement("div"); r.className = "row";
      for (const b of row) { const button = document.createElement("button"); button.textContent = b.text;
        if (b.url) button.onclick = () => window.open(b.url, "_blank");
        else button.onclick = () => api("press_button", {user_id: userId, message_id: m.message_id,
                                                          callback_data: b.callback_data});
        r.appendChild(button); }
      div.appendChild(r); }
    chat.appendChild(div);
  }
  const answers = data.callback_answers;
  for (const a of answers.slice(seenAnswers)) if (a.text) toast(a.text);
  seenAnswers = answers.length;
  if (atBottom) chat.scrollTop = chat.scrollHeight;
}
async function refresh() { if (userId !== null) render(await api("chat/" + userId)); }
$("who").onchange = () => { userId = Number($("who").value); seenAnswers = 1e9; refresh(); };
$("add").onclick = async () => { const name = $("newname").value.trim(); if (!name) return;
  const u = await api("users", {first_name: name}); userId = u.user_id; $("newname").value = "";
  await loadUsers(); refresh(); };
$("send").onsubmit = async (e) => { e.preventDefault(); const text = $("text").value;
  if (!text || userId === null) return; $("text").value = "";
  await api("send_text", {user_id: userId, text}); refresh(); };
loadUsers().then(refresh); setInterval(refresh, 1000);
</script></body></html>
"""
