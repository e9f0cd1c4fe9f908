// The local chat page: talks to POST /api/dev/messages and renders replies the way the channels do.
const $ = (id) => document.getElementById(id);
const people = [
  { id: "u-ann", name: "Ann Berg", role: "rep" }, { id: "u-bob", name: "Bob Dahl", role: "rep" },
  { id: "u-carla", name: "Carla Holm", role: "rep" }, { id: "u-david", name: "David Lund", role: "rep" },
  { id: "u-maria", name: "Maria Skov", role: "manager" },
];
const history = [];
let historyAt = 0;
let seenInbox = 0;

for (const p of people) {
  const option = document.createElement("option");
  option.value = p.id;
  option.textContent = `${p.name} (${p.role})`;
  $("user").append(option);
}

const me = () => people.find((p) => p.id === $("user").value);

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function render(reply) {
  const card = el("div", { className: "card" + (reply.isError ? " error" : "") });
  if (reply.header) card.append(el("h3", { textContent: reply.header }));
  const lead = reply.lead ?? (reply.fields.length === 0 && reply.items.length === 0 ? reply.text : null);
  if (lead) card.append(el("p", { textContent: lead }));
  if (reply.fields.length) {
    const dl = el("dl");
    for (const f of reply.fields) dl.append(el("dt", { textContent: f.label }), el("dd", { textContent: f.value }));
    card.append(dl);
  }
  if (reply.items.length) card.append(el("ul", {}, ...reply.items.map((i) => el("li", { textContent: i }))));
  if (reply.footer) card.append(el("footer", { textContent: reply.footer }));
  if (reply.buttons.length) {
    const row = el("div", { className: "buttons" });
    for (const b of reply.buttons) {
      const button = el("button", { type: "button", textContent: b.label, title: b.command, className: b.style === "default" ? "" : b.style });
      button.addEventListener("click", () => send(b.command, b.offeredTo ?? null));
      row.append(button);
    }
    card.append(row);
  }
  return card;
}

// A click sends the user the button was offered to, so the bot can refuse it to anyone else.
async function send(text, offeredTo = undefined) {
  const clicked = offeredTo !== undefined;
  if (!text.trim()) return;
  const who = me();
  $("log").append(el("li", { className: "you" }, el("span", { textContent: text }), el("small", { textContent: (clicked ? "clicked · " : "") + who.name })));
  const response = await fetch("/api/dev/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant: $("tenant").value, user: who.id, userName: who.name, text, offeredTo: offeredTo ?? null }),
  });
  const item = el("li");
  item.append(response.ok ? render(await response.json()) : el("div", { className: "card error", textContent: `The bot answered ${response.status}.` }));
  $("log").append(item);
  $("log").scrollTop = $("log").scrollHeight;
  await refreshInbox();
}

async function refreshInbox() {
  const who = me();
  const response = await fetch(`/api/dev/inbox?tenant=${encodeURIComponent($("tenant").value)}&user=${encodeURIComponent(who.id)}`);
  if (!response.ok) return;
  const deliveries = await response.json();
  if (deliveries.length === seenInbox) return;
  seenInbox = deliveries.length;
  $("inbox").replaceChildren(...(deliveries.length
    ? deliveries.slice().reverse().map((d) => el("li", {}, render(d.reply)))
    : [el("li", { className: "empty", textContent: "Nothing yet." })]));
}

async function loadSuggestions() {
  const response = await fetch("/api/dev/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant: $("tenant").value, user: me().id, userName: me().name, text: "deal help" }),
  });
  if (!response.ok) return;
  const help = await response.json();
  const commands = help.items.map((i) => i.split(" — ")[0]).concat(["pipeline this quarter", "stalled team", "deal list all", "config stages"]);
  $("suggestions").replaceChildren(...commands.map((c) => el("option", { value: c })));
}

$("compose").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("text").value;
  if (text.trim()) history.push(text);
  historyAt = history.length;
  $("text").value = "";
  send(text);
});

$("text").addEventListener("keydown", (event) => {
  if (event.key === "ArrowUp" && historyAt > 0) { historyAt--; $("text").value = history[historyAt]; event.preventDefault(); }
  if (event.key === "ArrowDown" && historyAt < history.length) { historyAt++; $("text").value = history[historyAt] ?? ""; event.preventDefault(); }
});

$("user").addEventListener("change", () => { seenInbox = -1; refreshInbox(); });
$("tenant").addEventListener("change", () => { seenInbox = -1; refreshInbox(); });

$("demo").addEventListener("click", async () => {
  $("status").textContent = "Loading the demo team…";
  const response = await fetch("/api/dev/demo", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tenant: $("tenant").value }) });
  $("status").textContent = response.ok ? `Demo team loaded: ${(await response.json()).deals} deals. Try "pipeline this quarter" as Maria.` : "Could not load the demo team.";
  seenInbox = -1;
  await refreshInbox();
});

loadSuggestions();
refreshInbox();
setInterval(refreshInbox, 5000);
