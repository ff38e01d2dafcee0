/*
 * Opioid support chat widget. Embed with one tag:
 *   <script src="https://your-site/widget.js" data-bot-url="https://bot.example.org" defer></script>
 * It talks to the bot's REST channel (POST {bot-url}/webhooks/rest/webhook). No dependencies.
 * Every piece of text, the bot's and the user's, is inserted as text (never as HTML), so markup is inert.
 *
 * Serve this file through the widget server (python -m bot widget) or write it out with
 * `python -m bot widget --out DIR`: both fill in LINES below with the emergency and help numbers from the
 * resource table (data/content/resources.yml, via bot/widget/lines.py). The numbers are never written here,
 * and they are in the file itself so the widget shows them even when the bot cannot be reached.
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[data-bot-url]");
  // Without data-bot-url the widget talks to the page's own origin.
  var BOT_URL = ((script && script.getAttribute("data-bot-url")) || "").replace(/\/+$/, "");
  var START_OPEN = !!(script && script.getAttribute("data-open") === "true");
  var TITLE = (script && script.getAttribute("data-title")) || "Opioid support chat";
  var STORE_KEY = "osb-widget-v1";
  var MAX_CHARS = 2000;
  var RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];
  // {emergency, crisis_line, helpline}: each {name, phone, text, hours}, filled in by the widget server.
  var LINES = /*@osb-lines*/null;
  if (!LINES || !LINES.emergency || !LINES.crisis_line || !LINES.helpline) {
    // Without its emergency numbers the widget must not run: say so to the site's developer instead.
    if (window.console) console.error("Opioid support widget: widget.js was served without its emergency numbers; " +
                                      "serve it with `python -m bot widget` or write it with `python -m bot widget --out DIR`.");
    return;
  }
  var EMERGENCY = LINES.emergency.phone;
  var CRISIS_LINE = LINES.crisis_line.phone;

  var WELCOME =
    "Hi. I'm an AI assistant with information about opioid use, treatment and recovery, " +
    "for people who use, people in recovery and their families.\n" +
    "I'm not a clinician and I'm not for emergencies. If someone is in danger, call " + EMERGENCY + ".\n" +
    "To talk with a person any time: " + LINES.helpline.name + ", " + LINES.helpline.phone +
    " (free, confidential, " + LINES.helpline.hours + ").\n" +
    "What would you like to know?";

  // sessionStorage keeps the conversation across reloads but forgets it when the tab closes,
  // which matters on a shared family computer.
  function loadState() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.messages)) return saved;
    } catch (e) { /* unreadable or blocked storage: start afresh */ }
    return { sender: newSenderId(), messages: [], open: START_OPEN };
  }

  function saveState() {
    try { window.sessionStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* storage full or blocked */ }
  }

  function newSenderId() {
    if (window.crypto && window.crypto.randomUUID) return "web-" + window.crypto.randomUUID();
    return "web-" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // URLs become links (http/https only), phone numbers and our short codes become tel: links; everything
  // else is a text node.
  var SHORT_CODES = [EMERGENCY, CRISIS_LINE].filter(function (n) { return /^\d{3,6}$/.test(n); });
  var TOKEN_RE = new RegExp("(https?:\\/\\/[^\\s<>\"']+[^\\s<>\"'.,;:!?)\\]])|" +
    "((?:\\b1-)?\\b\\d{3}-\\d{3}-\\d{4}\\b" + (SHORT_CODES.length ? "|\\b(?:" + SHORT_CODES.join("|") + ")\\b" : "") + ")", "g");

  function appendRichText(parent, text) {
    String(text).split("\n").forEach(function (line, i) {
      if (i > 0) parent.appendChild(document.createElement("br"));
      var last = 0;
      line.replace(TOKEN_RE, function (match, url, phone, offset) {
        if (offset > last) parent.appendChild(document.createTextNode(line.slice(last, offset)));
        var a;
        if (url) {
          a = el("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow" }, url);
        } else {
          a = el("a", { href: "tel:" + phone.replace(/[^0-9]/g, "") }, phone);
        }
        parent.appendChild(a);
        last = offset + match.length;
        return match;
      });
      if (last < line.length) parent.appendChild(document.createTextNode(line.slice(last)));
    });
  }

  function timeLabel(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  var state = loadState();
  var pending = null;       // the message being sent: kept until the bot answers
  var retryTimer = null;

  // ---- DOM -------------------------------------------------------------------------------------
  var root = el("div", { "class": "osb-root" });
  var launcher = el("button", { type: "button", "class": "osb-launcher", "aria-expanded": "false",
                                "aria-controls": "osb-panel" }, "Chat: opioid support");
  var panel = el("section", { id: "osb-panel", "class": "osb-panel", role: "dialog", "aria-label": TITLE });
  var header = el("header", { "class": "osb-header" });
  var titleEl = el("h2", { "class": "osb-title" }, TITLE);
  var closeBtn = el("button", { type: "button", "class": "osb-close", "aria-label": "Close chat" }, "\u00d7");
  header.appendChild(titleEl);
  header.appendChild(closeBtn);
  var banner = el("p", { "class": "osb-banner", role: "note" });
  banner.appendChild(document.createTextNode("In danger? Call "));
  banner.appendChild(el("a", { href: "tel:" + EMERGENCY }, EMERGENCY));
  banner.appendChild(document.createTextNode(" or call/text "));
  banner.appendChild(el("a", { href: "tel:" + CRISIS_LINE }, CRISIS_LINE));
  banner.appendChild(document.createTextNode(". AI assistant - not a clinician."));
  var log = el("div", { "class": "osb-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
                        "aria-label": "Conversation", tabindex: "0" });
  var typing = el("p", { "class": "osb-typing", "aria-hidden": "true", hidden: "" }, "Assistant is typing\u2026");
  var notice = el("p", { "class": "osb-notice", role: "status", hidden: "" });
  var form = el("form", { "class": "osb-form" });
  var label = el("label", { "for": "osb-input", "class": "osb-visually-hidden" }, "Your message");
  var input = el("textarea", { id: "osb-input", "class": "osb-input", rows: "2", maxlength: String(MAX_CHARS),
                               placeholder: "Type your question\u2026", autocomplete: "off" });
  var send = el("button", { type: "submit", "class": "osb-send" }, "Send");
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  [header, banner, log, typing, notice, form].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(launcher);
  root.appendChild(panel);

  // ---- rendering -------------------------------------------------------------------------------
  // An answer's citation line, as bot/flows/reply_format.py writes it: "Sources: Publisher, "Title" URL; ..."
  // ("Fuentes: ..." in Spanish).
  var SOURCES_PREFIXES = ["Sources: ", "Fuentes: "];
  function sourcesPrefix(line) {
    for (var i = 0; i < SOURCES_PREFIXES.length; i++) if (line.indexOf(SOURCES_PREFIXES[i]) === 0) return SOURCES_PREFIXES[i];
    return null;
  }
  var CITATION_RE = /^(.+?), "(.+)" (https:\/\/\S+)$/;

  // The sources fold into one "Sources" line that opens to readable links, instead of long raw URLs.
  function appendSources(parent, line, prefix) {
    var entries = line.slice(prefix.length).split("; ").filter(function (e) { return e.trim(); });
    var details = el("details", { "class": "osb-sources" });
    details.appendChild(el("summary", {}, prefix.slice(0, -2) + " (" + entries.length + ")"));
    var list = el("ul");
    entries.forEach(function (entry) {
      var li = el("li");
      var m = CITATION_RE.exec(entry.trim());
      if (m) {
        li.appendChild(el("a", { href: m[3], target: "_blank", rel: "noopener noreferrer nofollow" }, m[1] + ": " + m[2]));
      } else {
        appendRichText(li, entry);  // a bare URL (the finding-treatment answer) stays a plain link
      }
      list.appendChild(li);
    });
    details.appendChild(list);
    parent.appendChild(details);
  }

  // The bot's text, with its "Sources:" line folded; everything else goes through appendRichText.
  function appendBotText(parent, text) {
    var lines = String(text).split("\n");
    var run = [];  // the lines since the last "Sources:" line
    function flush() {
      if (run.length) appendRichText(parent, run.join("\n"));
      run = [];
    }
    lines.forEach(function (line) {
      var prefix = sourcesPrefix(line);
      if (prefix) { flush(); appendSources(parent, line, prefix); }
      else run.push(line);
    });
    flush();
  }

  // The crisis reply (labelled by the bot: custom.kind == "crisis") is a card: its first line as the heading,
  // large call and text buttons right under it, then the rest of the guidance.
  var crisisCount = 0;
  function crisisCard(msg, live) {
    var id = "osb-crisis-" + (++crisisCount);
    var lines = String(msg.text || "").split("\n");
    // A live card is an alert (read out at once); a card restored after a reload is only labelled.
    var card = el("section", { "class": "osb-crisis", role: live ? "alert" : "region", "aria-labelledby": id });
    card.appendChild(el("h3", { "class": "osb-crisis-title", id: id }, lines[0]));
    card.appendChild(callButtons());
    var rest = el("div", { "class": "osb-crisis-text" });
    appendRichText(rest, lines.slice(1).join("\n"));
    card.appendChild(rest);
    return card;
  }

  // Always in this order, whatever the crisis: the suicide reply too starts with emergency services for
  // anyone who has already taken pills or hurt themselves (the reviewed guidance); the buttons agree with it.
  function callButtons() {
    var em = LINES.emergency, cl = LINES.crisis_line;
    var actions = [
      { href: "tel:" + em.phone, label: "Call " + em.phone, name: em.name },
      { href: "tel:" + cl.phone, label: "Call " + cl.phone, name: cl.name }
    ];
    if (cl.text) actions.push({ href: "sms:" + cl.text, label: "Text " + cl.text, name: cl.name });
    var group = el("div", { "class": "osb-crisis-actions", role: "group", "aria-label": "Call or text for help now" });
    actions.forEach(function (a) {
      // Short on screen to stay large on a phone; the line's name is read out by screen readers.
      group.appendChild(el("a", { "class": "osb-call", href: a.href, "aria-label": a.label + " (" + a.name + ")" }, a.label));
    });
    return group;
  }

  function renderMessage(msg, live) {
    var item = el("div", { "class": "osb-msg osb-" + msg.from + (msg.crisis ? " osb-crisis-msg" : "") });
    var who = el("span", { "class": "osb-visually-hidden" }, msg.from === "user" ? "You said: " : "Assistant: ");
    item.appendChild(who);
    if (msg.crisis) {
      item.appendChild(crisisCard(msg, live));
    } else {
      var bubble = el("div", { "class": "osb-bubble" });
      if (msg.from === "bot") appendBotText(bubble, msg.text || "");
      else appendRichText(bubble, msg.text || "");
      item.appendChild(bubble);
    }
    if (msg.buttons && msg.buttons.length) {
      var group = el("div", { "class": "osb-buttons", role: "group", "aria-label": "Suggested replies" });
      msg.buttons.forEach(function (b) {
        var btn = el("button", { type: "button", "class": "osb-choice" }, String(b.title || ""));
        btn.addEventListener("click", function () { submit(String(b.title || ""), String(b.payload || b.title || "")); });
        group.appendChild(btn);
      });
      item.appendChild(group);
    }
    var stamp = el("time", { "class": "osb-time", datetime: msg.at }, timeLabel(msg.at));
    item.appendChild(stamp);
    log.appendChild(item);
    return item;
  }

  function add(msg) {
    msg.at = msg.at || new Date().toISOString();
    // Older buttons stay visible but only the newest set is the live choice.
    state.messages.push(msg);
    saveState();
    return renderMessage(msg, true);
  }

  // After a turn, show its crisis card from the top (its first lines and call buttons), not the resources
  // and check-in below it; otherwise show the newest message.
  function reveal(items) {
    var card = null;
    items.forEach(function (item) { if (!card && item.className.indexOf("osb-crisis-msg") >= 0) card = item; });
    if (card) log.scrollTop += card.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
    else log.scrollTop = log.scrollHeight;
  }

  // The last turn: the messages after the user's last one (after a reload, or when the panel opens).
  function revealLastTurn() {
    var items = Array.prototype.slice.call(log.children), lastUser = -1;
    items.forEach(function (item, i) { if (item.className.indexOf("osb-user") >= 0) lastUser = i; });
    reveal(items.slice(lastUser + 1));
  }

  function showNotice(text) {
    if (text) { notice.textContent = text; notice.hidden = false; }
    else { notice.textContent = ""; notice.hidden = true; }
  }

  function setBusy(busy) {
    typing.hidden = !busy;
    send.disabled = busy;
    log.setAttribute("aria-busy", busy ? "true" : "false");
  }

  // ---- sending ---------------------------------------------------------------------------------
  function submit(shown, payload) {
    var text = String(shown).trim();
    if (!text || pending) return;
    reveal([add({ from: "user", text: text })]);
    pending = { message: payload || text, attempt: 0 };
    deliver();
  }

  function deliver() {
    setBusy(true);
    var body = JSON.stringify({ sender: state.sender, message: pending.message });
    fetch(BOT_URL + "/webhooks/rest/webhook", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: body
    }).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (data) { return { res: res, data: data }; });
    }).then(function (r) {
      if (r.res.status >= 500 || r.data === null) throw new Error("server " + r.res.status);
      pending = null;
      setBusy(false);
      showNotice(null);
      var shown = [];
      if (Array.isArray(r.data)) {
        r.data.forEach(function (m) {
          if (!m || !(m.text || (m.buttons && m.buttons.length))) return;
          var crisis = m.custom && m.custom.kind === "crisis" ? String(m.custom.crisis || "danger") : null;
          shown.push(add({ from: "bot", text: m.text || "", buttons: m.buttons || [], crisis: crisis }));
        });
      } else if (r.data && r.data.error) {
        shown.push(add({ from: "bot", text: String(r.data.error) }));
      }
      reveal(shown);
    }).catch(function () {
      typing.hidden = true;  // nobody is typing while the connection is down; the notice says what happens
      var delay = RETRY_DELAYS_MS[Math.min(pending.attempt, RETRY_DELAYS_MS.length - 1)];
      pending.attempt += 1;
      showNotice("Connection lost. Your message is kept and will be sent again in " + Math.round(delay / 1000) +
                 " s. If someone is in danger, call " + EMERGENCY + " now.");
      retryTimer = window.setTimeout(deliver, delay);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value;
    if (!text.trim()) { showNotice("Please type a message first."); return; }
    input.value = "";
    submit(text);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : send.click(); }
  });

  function setOpen(open) {
    state.open = open;
    saveState();
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) { revealLastTurn(); input.focus(); } else launcher.focus();
  }
  launcher.addEventListener("click", function () { setOpen(!state.open); });
  closeBtn.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") setOpen(false); });
  window.addEventListener("online", function () { if (pending) { window.clearTimeout(retryTimer); deliver(); } });

  function addStylesheet() {
    // One <script> tag is all a site needs: the stylesheet is loaded from next to the script.
    if (!script || !script.src || document.querySelector("link[data-osb-widget]")) return;
    var link = el("link", { rel: "stylesheet", href: script.src.replace(/\.js(\?.*)?$/, ".css"), "data-osb-widget": "" });
    link.addEventListener("load", revealLastTurn);  // the layout changes once styled: show the last turn again
    document.head.appendChild(link);
  }

  function start() {
    addStylesheet();
    document.body.appendChild(root);
    panel.hidden = !state.open;
    launcher.setAttribute("aria-expanded", state.open ? "true" : "false");
    if (!state.messages.length) add({ from: "bot", text: WELCOME });
    else state.messages.forEach(function (m) { renderMessage(m, false); });
    revealLastTurn();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
