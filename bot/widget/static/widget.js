/*
 * Opioid support chat widget. Embed with one tag:
 *   <script src="https://your-site/widget.js" data-bot-url="https://bot.example.org" defer></script>
 * It talks to the bot's REST channel (POST {bot-url}/webhooks/rest/webhook). No dependencies.
 * Every piece of text, the bot's and the user's, is inserted as text (never as HTML), so markup is inert.
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

  var WELCOME =
    "Hi. I'm an AI assistant with information about opioid use, treatment and recovery, " +
    "for people who use, people in recovery and their families.\n" +
    "I'm not a clinician and I'm not for emergencies. If someone is in danger, call 911.\n" +
    "To talk with a person any time: SAMHSA's National Helpline, 1-800-662-4357 (free, confidential, 24/7).\n" +
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

  // URLs become links (http/https only), phone numbers become tel: links; everything else is a text node.
  var TOKEN_RE = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])|((?:\b1-)?\b\d{3}-\d{3}-\d{4}\b|\b(?:911|988)\b)/g;

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
  banner.appendChild(el("a", { href: "tel:911" }, "911"));
  banner.appendChild(document.createTextNode(" or call/text "));
  banner.appendChild(el("a", { href: "tel:988" }, "988"));
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
  function renderMessage(msg) {
    var item = el("div", { "class": "osb-msg osb-" + msg.from });
    var who = el("span", { "class": "osb-visually-hidden" }, msg.from === "user" ? "You said: " : "Assistant: ");
    item.appendChild(who);
    var bubble = el("div", { "class": "osb-bubble" });
    appendRichText(bubble, msg.text || "");
    item.appendChild(bubble);
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
    log.scrollTop = log.scrollHeight;
  }

  function add(msg) {
    msg.at = msg.at || new Date().toISOString();
    // Older buttons stay visible but only the newest set is the live choice.
    state.messages.push(msg);
    saveState();
    renderMessage(msg);
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
    add({ from: "user", text: text });
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
      if (Array.isArray(r.data)) {
        r.data.forEach(function (m) {
          if (m && (m.text || (m.buttons && m.buttons.length))) add({ from: "bot", text: m.text || "", buttons: m.buttons || [] });
        });
      } else if (r.data && r.data.error) {
        add({ from: "bot", text: String(r.data.error) });
      }
    }).catch(function () {
      typing.hidden = true;  // nobody is typing while the connection is down; the notice says what happens
      var delay = RETRY_DELAYS_MS[Math.min(pending.attempt, RETRY_DELAYS_MS.length - 1)];
      pending.attempt += 1;
      showNotice("Connection lost. Your message is kept and will be sent again in " + Math.round(delay / 1000) +
                 " s. If someone is in danger, call 911 now.");
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
    if (open) input.focus(); else launcher.focus();
  }
  launcher.addEventListener("click", function () { setOpen(!state.open); });
  closeBtn.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") setOpen(false); });
  window.addEventListener("online", function () { if (pending) { window.clearTimeout(retryTimer); deliver(); } });

  function addStylesheet() {
    // One <script> tag is all a site needs: the stylesheet is loaded from next to the script.
    if (!script || !script.src || document.querySelector("link[data-osb-widget]")) return;
    var link = el("link", { rel: "stylesheet", href: script.src.replace(/\.js(\?.*)?$/, ".css"), "data-osb-widget": "" });
    document.head.appendChild(link);
  }

  function start() {
    addStylesheet();
    document.body.appendChild(root);
    if (!state.messages.length) add({ from: "bot", text: WELCOME });
    else state.messages.forEach(renderMessage);
    panel.hidden = !state.open;
    launcher.setAttribute("aria-expanded", state.open ? "true" : "false");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
