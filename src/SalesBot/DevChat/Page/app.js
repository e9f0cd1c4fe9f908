// The local chat page: talks to POST /api/dev/messages and renders replies the way the channels do.
const $ = (id) => document.getElementById(id);
const people = [
  { id: "u-ann", name: "Ann Berg", role: "rep" }, { id: "u-bob", name: "Bo Dahl", role: "rep" },
  { id: "u-carla", name: "Camilla Holm", role: "rep" }, { id: "u-david", name: "Mads Lund", role: "rep" },
  { id: "u-maria", name: "Maria Skov", role: "manager" },
];
// The page's own words; the bot's answers follow the language picked here (sent as the chat client's locale).
const words = {
  "en-US": {
    placeholder: "Type a command, e.g. deal help, pipeline this quarter, deal new Acme 50k",
    loading: "Loading the demo team…",
    loaded: (n) => `Demo team loaded: ${n} deals. Try "pipeline this quarter" as Maria.`,
    failed: "Could not load the demo team.",
    nothing: "Nothing yet.",
    clicked: "clicked · ",
    extra: ["pipeline this quarter", "stalled team", "deal list all", "config stages", "config feed #sales won lost new>=500k", "deal brief on"],
    roles: { rep: "rep", manager: "manager" },
    team: "Team", you: "You are", language: "Language", demo: "Load demo team", send: "Send",
    direct: "Direct messages", directNote: "nudges, digests and your morning brief",
    feed: "Team channels", feedNote: "what the deals feed posts (config feed #sales won lost)",
  },
  "da-DK": {
    placeholder: "Skriv en kommando, fx deal hjælp, pipeline dette kvartal, deal ny Acme 50.000 kr.",
    loading: "Henter demoteamet…",
    loaded: (n) => `Demoteamet er hentet: ${n} deals. Prøv "pipeline dette kvartal" som Maria.`,
    failed: "Kunne ikke hente demoteamet.",
    nothing: "Intet endnu.",
    clicked: "klikket · ",
    extra: ["pipeline dette kvartal", "stille team", "deal liste alle", "config stages", "config feed #salg vundet tabt ny>=500k", "deal overblik til"],
    roles: { rep: "sælger", manager: "leder" },
    team: "Team", you: "Du er", language: "Sprog", demo: "Hent demoteam", send: "Send",
    direct: "Direkte beskeder", directNote: "påmindelser, ugeoversigter og dit morgenoverblik",
    feed: "Teamkanaler", feedNote: "det, deal-feedet poster (config feed #salg vundet tabt)",
  },
};
const say = () => words[$("language").value] ?? words["en-US"];
const history = [];
let historyAt = 0;
let seenInbox = 0;
let seenFeed = 0;

for (const p of people) {
  const option = document.createElement("option");
  option.value = p.id;
  option.textContent = `${p.name} (${p.role})`;
  $("user").append(option);
}

function relabelPeople() {
  for (const option of $("user").options) {
    const p = people.find((x) => x.id === option.value);
    option.textContent = `${p.name} (${say().roles[p.role]})`;
  }
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
  if (reply.chart?.imageUrl) card.append(el("img", { className: "chart", src: reply.chart.imageUrl, alt: reply.chart.altText }));
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
  $("log").append(el("li", { className: "you" }, el("span", { textContent: text }), el("small", { textContent: (clicked ? say().clicked : "") + who.name })));
  const response = await fetch("/api/dev/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant: $("tenant").value, user: who.id, userName: who.name, text, offeredTo: offeredTo ?? null, locale: $("language").value }),
  });
  const item = el("li");
  item.append(response.ok ? render(await response.json()) : el("div", { className: "card error", textContent: `The bot answered ${response.status}.` }));
  $("log").append(item);
  $("log").scrollTop = $("log").scrollHeight;
  await refreshInbox();
  await refreshFeed();
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
    : [el("li", { className: "empty", textContent: say().nothing })]));
}

// The team's channels: each post with the channel it went to.
async function refreshFeed() {
  const response = await fetch(`/api/dev/feed?tenant=${encodeURIComponent($("tenant").value)}`);
  if (!response.ok) return;
  const posts = await response.json();
  if (posts.length === seenFeed) return;
  seenFeed = posts.length;
  $("feed").replaceChildren(...(posts.length
    ? posts.slice().reverse().map((p) => el("li", {}, el("small", { textContent: "#" + p.channel }), render(p.reply)))
    : [el("li", { className: "empty", textContent: say().nothing })]));
}

async function loadSuggestions() {
  const response = await fetch("/api/dev/messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant: $("tenant").value, user: me().id, userName: me().name, text: "deal help", locale: $("language").value }),
  });
  if (!response.ok) return;
  const help = await response.json();
  const commands = help.items.map((i) => i.split(" — ")[0]).concat(say().extra);
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
$("tenant").addEventListener("change", () => { seenInbox = -1; seenFeed = -1; refreshInbox(); refreshFeed(); });

$("language").addEventListener("change", () => {
  document.documentElement.lang = $("language").value.slice(0, 2);
  $("text").placeholder = say().placeholder;
  for (const node of document.querySelectorAll("[data-word]")) node.textContent = say()[node.dataset.word];
  relabelPeople();
  seenInbox = -1;
  seenFeed = -1;
  refreshInbox();
  refreshFeed();
  loadSuggestions();
});

$("demo").addEventListener("click", async () => {
  $("status").textContent = say().loading;
  const language = $("language").value.slice(0, 2);
  const response = await fetch("/api/dev/demo", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tenant: $("tenant").value, language }) });
  $("status").textContent = response.ok ? say().loaded((await response.json()).deals) : say().failed;
  seenInbox = -1;
  await refreshInbox();
});

loadSuggestions();
refreshInbox();
refreshFeed();
setInterval(() => { refreshInbox(); refreshFeed(); }, 5000);
