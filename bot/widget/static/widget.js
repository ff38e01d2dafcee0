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
 *
 * Language (English or Spanish). The widget speaks the first of: the visitor's choice in this tab (the switch in
 * the header, kept in sessionStorage); the site's setting, `data-lang="es"` on the script tag, then the page's
 * `<html lang>` when it is es* or en*; the browser's languages (the first es* or en* in navigator.languages);
 * English. A page that declares its language wins over the browser: the site knows what language its page is in,
 * and the switch is one tap away for a visitor who prefers the other.
 * The bot follows the widget: every message carries `metadata: {"language": "es"}`, which the bot uses when the
 * message's own text is not clearly in one language (bot/nlu/language.py), and the switch sends
 * `/switch_language{"language": "es"}`, which sets the conversation's language and is answered in it.
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[data-bot-url]");
  // Without data-bot-url the widget talks to the page's own origin.
  var BOT_URL = ((script && script.getAttribute("data-bot-url")) || "").replace(/\/+$/, "");
  var START_OPEN = !!(script && script.getAttribute("data-open") === "true");
  var SITE_TITLE = script && script.getAttribute("data-title");
  var SITE_LANG = script && script.getAttribute("data-lang");
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

  // A line's name, hours and note in a language: the table's own (English) text, or its Spanish words
  // (bot/widget/lines.py: the table has no Spanish text, and the numbers are never translated).
  function lineWords(line, lang) {
    var es = lang === "es" && line.es;
    return { name: (es && es.name) || line.name, hours: (es && es.hours) || line.hours,
             languages: es ? es.languages : line.languages, note: (es && es.note) || "" };
  }

  // Every text of the widget's own, in both languages. Spanish: "usted", plain words, the same facts.
  var TEXTS = {
    en: {
      title: "Opioid support chat",
      launcher: "Chat: opioid support",
      close: "Close chat",
      switchTo: { lang: "es", label: "Espa\u00f1ol", aria: "Espa\u00f1ol: ver el chat en espa\u00f1ol" },
      banner: ["In danger? Call ", " or call/text ", "", ". AI assistant - not a clinician."],
      conversation: "Conversation",
      youSaid: "You said: ",
      assistant: "Assistant: ",
      typing: "Assistant is typing\u2026",
      yourMessage: "Your message",
      placeholder: "Type your question\u2026",
      send: "Send",
      suggested: "Suggested replies",
      helpNow: "Call or text for help now",
      call: function (n) { return "Call " + n; },
      text: function (n) { return "Text " + n; },
      empty: "Please type a message first.",
      lost: function (s) {
        return "Connection lost. Your message is kept and will be sent again in " + s + " s. " +
               "If someone is in danger, call " + EMERGENCY + " now.";
      },
      failed: "Sorry, that message could not be sent. Please try again. If someone is in danger, call " + EMERGENCY + ".",
      welcome: function () {
        var h = lineWords(LINES.helpline, "en");
        return "Hi. I'm an AI assistant with information about opioid use, treatment and recovery, " +
          "for people who use, people in recovery and their families.\n" +
          "I'm not a clinician and I'm not for emergencies. If someone is in danger, call " + EMERGENCY + ".\n" +
          "To talk with a person any time: " + h.name + ", " + LINES.helpline.phone +
          " (free, confidential, " + h.hours + (h.languages ? ", " + h.languages : "") + ").\n" +
          "What would you like to know?";
      }
    },
    es: {
      title: "Chat de apoyo sobre opioides",
      launcher: "Chat: apoyo sobre opioides",
      close: "Cerrar el chat",
      switchTo: { lang: "en", label: "English", aria: "English: see the chat in English" },
      banner: ["\u00bfEn peligro? Llame al ", " o llame o env\u00ede texto al ",
               lineWords(LINES.crisis_line, "es").note ? " (" + lineWords(LINES.crisis_line, "es").note + ")" : "",
               ". Asistente de IA, no es personal de salud."],
      conversation: "Conversaci\u00f3n",
      youSaid: "Usted dijo: ",
      assistant: "Asistente: ",
      typing: "El asistente est\u00e1 escribiendo\u2026",
      yourMessage: "Su mensaje",
      placeholder: "Escriba su pregunta\u2026",
      send: "Enviar",
      suggested: "Respuestas sugeridas",
      helpNow: "Llame o env\u00ede un texto para pedir ayuda ahora",
      call: function (n) { return "Llamar al " + n; },
      text: function (n) { return "Texto al " + n; },
      empty: "Primero escriba un mensaje.",
      lost: function (s) {
        return "Se perdi\u00f3 la conexi\u00f3n. Su mensaje est\u00e1 guardado y se enviar\u00e1 otra vez en " + s + " s. " +
               "Si alguien est\u00e1 en peligro, llame al " + EMERGENCY + " ahora.";
      },
      failed: "No se pudo enviar ese mensaje. Por favor, int\u00e9ntelo otra vez. Si alguien est\u00e1 en peligro, llame al " +
              EMERGENCY + ".",
      welcome: function () {
        var h = lineWords(LINES.helpline, "es");
        return "Hola. Soy un asistente de inteligencia artificial (IA). Le doy informaci\u00f3n sobre el consumo de " +
          "opioides, el tratamiento y la recuperaci\u00f3n, a quienes los consumen, a quienes se est\u00e1n recuperando " +
          "y a sus familias.\n" +
          "No soy un profesional de salud y no atiendo emergencias. Si alguien est\u00e1 en peligro, llame al " + EMERGENCY + ".\n" +
          "Si quiere hablar con una persona, a cualquier hora: " + h.name + ", " + LINES.helpline.phone +
          " (gratis, confidencial, " + h.hours + (h.languages ? ", " + h.languages : "") + ").\n" +
          "\u00bfQu\u00e9 le gustar\u00eda saber?";
      }
    }
  };

  // "es" or "en" for a language tag ("es-MX", "en_US", "ES"), else null.
  function supported(tag) {
    var m = /^(en|es)(?:[-_]|$)/i.exec(String(tag || "").trim());
    return m ? m[1].toLowerCase() : null;
  }

  // The language when the visitor has not chosen one in this tab: the site's, else the browser's, else English.
  function defaultLanguage() {
    var site = supported(SITE_LANG) || supported(document.documentElement.getAttribute("lang"));
    if (site) return site;
    var prefs = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language];
    for (var i = 0; i < prefs.length; i++) { var lang = supported(prefs[i]); if (lang) return lang; }
    return "en";
  }

  // sessionStorage keeps the conversation across reloads but forgets it when the tab closes,
  // which matters on a shared family computer.
  // ``lang`` is set only by the switch: the visitor's choice, kept for the tab.
  function loadState() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.messages)) {
        if (!supported(saved.lang)) delete saved.lang;
        return saved;
      }
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
    return isNaN(d) ? "" : d.toLocaleTimeString(lang === "es" ? "es-US" : "en-US", { hour: "2-digit", minute: "2-digit" });
  }

  var state = loadState();
  var lang = supported(state.lang) || defaultLanguage();
  var T = TEXTS[lang];
  var pending = null;       // the message being sent: kept until the bot answers
  var retryTimer = null;
  var queuedSwitch = null;  // a language switch pressed while a message was on its way: sent after it
  var noticeText = null;    // what the notice says, as a function of the language (so the switch translates it)

  // ---- DOM -------------------------------------------------------------------------------------
  // The elements are built once; their texts are written by applyLanguage(), again after each switch.
  var root = el("div", { "class": "osb-root" });
  var launcher = el("button", { type: "button", "class": "osb-launcher", "aria-expanded": "false",
                                "aria-controls": "osb-panel" });
  var panel = el("section", { id: "osb-panel", "class": "osb-panel", role: "dialog" });
  var header = el("header", { "class": "osb-header" });
  var titleEl = el("h2", { "class": "osb-title" });
  var headerActions = el("div", { "class": "osb-header-actions" });
  // The switch names the other language in that language ("Español" / "English"), as language menus do.
  var langBtn = el("button", { type: "button", "class": "osb-lang" });
  var closeBtn = el("button", { type: "button", "class": "osb-close" }, "\u00d7");
  headerActions.appendChild(langBtn);
  headerActions.appendChild(closeBtn);
  header.appendChild(titleEl);
  header.appendChild(headerActions);
  var banner = el("p", { "class": "osb-banner", role: "note" });
  var log = el("div", { "class": "osb-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
                        tabindex: "0" });
  var typing = el("p", { "class": "osb-typing", "aria-hidden": "true", hidden: "" });
  var notice = el("p", { "class": "osb-notice", role: "status", hidden: "" });
  var form = el("form", { "class": "osb-form" });
  var label = el("label", { "for": "osb-input", "class": "osb-visually-hidden" });
  var input = el("textarea", { id: "osb-input", "class": "osb-input", rows: "2", maxlength: String(MAX_CHARS),
                               autocomplete: "off" });
  var send = el("button", { type: "submit", "class": "osb-send" });
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  [header, banner, log, typing, notice, form].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(launcher);
  root.appendChild(panel);

  function fillBanner() {
    banner.textContent = "";
    banner.appendChild(document.createTextNode(T.banner[0]));
    banner.appendChild(el("a", { href: "tel:" + EMERGENCY }, EMERGENCY));
    banner.appendChild(document.createTextNode(T.banner[1]));
    banner.appendChild(el("a", { href: "tel:" + CRISIS_LINE }, CRISIS_LINE));
    banner.appendChild(document.createTextNode(T.banner[2] + T.banner[3]));
  }

  // Writes every text of the widget's own in the current language (new messages take it when rendered).
  function applyLanguage() {
    T = TEXTS[lang];
    var title = SITE_TITLE || T.title;
    root.setAttribute("lang", lang);
    launcher.textContent = T.launcher;
    panel.setAttribute("aria-label", title);
    titleEl.textContent = title;
    langBtn.textContent = T.switchTo.label;
    langBtn.setAttribute("lang", T.switchTo.lang);
    langBtn.setAttribute("aria-label", T.switchTo.aria);
    closeBtn.setAttribute("aria-label", T.close);
    fillBanner();
    log.setAttribute("aria-label", T.conversation);
    typing.textContent = T.typing;
    label.textContent = T.yourMessage;
    input.setAttribute("placeholder", T.placeholder);
    send.textContent = T.send;
    if (noticeText) notice.textContent = noticeText();
  }

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
    if (supported(msg.lang)) card.setAttribute("lang", supported(msg.lang));
    card.appendChild(el("h3", { "class": "osb-crisis-title", id: id }, lines[0]));
    card.appendChild(callButtons(supported(msg.lang) || lang));
    var rest = el("div", { "class": "osb-crisis-text" });
    appendRichText(rest, lines.slice(1).join("\n"));
    card.appendChild(rest);
    return card;
  }

  // Always in this order, whatever the crisis: the suicide reply too starts with emergency services for
  // anyone who has already taken pills or hurt themselves (the reviewed guidance); the buttons agree with it.
  // They speak the card's language (the channel's label says which), so a Spanish card has Spanish buttons
  // in the English widget too.
  function callButtons(cardLang) {
    var words = TEXTS[cardLang];
    var em = LINES.emergency, cl = LINES.crisis_line;
    var emName = lineWords(em, cardLang).name, clName = lineWords(cl, cardLang).name;
    var actions = [
      { href: "tel:" + em.phone, label: words.call(em.phone), name: emName },
      { href: "tel:" + cl.phone, label: words.call(cl.phone), name: clName }
    ];
    if (cl.text) actions.push({ href: "sms:" + cl.text, label: words.text(cl.text), name: clName });
    var group = el("div", { "class": "osb-crisis-actions", role: "group", "aria-label": words.helpNow });
    actions.forEach(function (a) {
      // Short on screen to stay large on a phone; the line's name is read out by screen readers.
      group.appendChild(el("a", { "class": "osb-call", href: a.href, "aria-label": a.label + " (" + a.name + ")" }, a.label));
    });
    return group;
  }

  function renderMessage(msg, live) {
    var item = el("div", { "class": "osb-msg osb-" + msg.from + (msg.crisis ? " osb-crisis-msg" : "") });
    var who = el("span", { "class": "osb-visually-hidden" }, msg.from === "user" ? T.youSaid : T.assistant);
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
      var group = el("div", { "class": "osb-buttons", role: "group", "aria-label": T.suggested });
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

  // ``text`` is a function of nothing that returns the notice in the current language (null hides it).
  function showNotice(text) {
    noticeText = text;
    if (text) { notice.textContent = text(); notice.hidden = false; }
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
    // The widget's language goes with every message: the bot answers in it when the text does not say.
    var body = JSON.stringify({ sender: state.sender, message: pending.message, metadata: { language: lang } });
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
          var msg = { from: "bot", text: m.text || "", buttons: m.buttons || [], crisis: crisis };
          if (crisis && supported(m.custom.language)) msg.lang = supported(m.custom.language);
          shown.push(add(msg));
        });
      } else if (r.data && r.data.error) {
        // The server's reason is for developers (and in English): the visitor reads ours.
        if (window.console) console.warn("Opioid support widget: " + String(r.data.error));
        shown.push(add({ from: "bot", text: T.failed }));
      }
      reveal(shown);
      if (queuedSwitch) { var q = queuedSwitch; queuedSwitch = null; sendSwitch(q); }
    }).catch(function () {
      typing.hidden = true;  // nobody is typing while the connection is down; the notice says what happens
      var delay = RETRY_DELAYS_MS[Math.min(pending.attempt, RETRY_DELAYS_MS.length - 1)];
      pending.attempt += 1;
      var seconds = Math.round(delay / 1000);
      showNotice(function () { return T.lost(seconds); });
      retryTimer = window.setTimeout(deliver, delay);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value;
    if (!text.trim()) { showNotice(function () { return T.empty; }); return; }
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

  // The switch: the widget changes language at once (even with the bot unreachable, so the notice is readable),
  // remembers the choice for the tab, and tells the bot, showing the visitor the language's name rather than the
  // command. The messages already on screen stay as they were said: re-rendering them would make a screen reader
  // read the whole conversation out again (the log is a live region); after a reload they take the new language's
  // labels.
  function sendSwitch(to) {
    submit(TEXTS[to === "es" ? "en" : "es"].switchTo.label, "/switch_language" + JSON.stringify({ language: to }));
  }
  function switchLanguage() {
    lang = T.switchTo.lang;
    state.lang = lang;
    saveState();
    applyLanguage();
    if (pending) queuedSwitch = lang;
    else sendSwitch(lang);
    langBtn.focus();
  }
  langBtn.addEventListener("click", switchLanguage);
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
    applyLanguage();
    document.body.appendChild(root);
    panel.hidden = !state.open;
    launcher.setAttribute("aria-expanded", state.open ? "true" : "false");
    if (!state.messages.length) add({ from: "bot", text: T.welcome() });
    else state.messages.forEach(function (m) { renderMessage(m, false); });
    revealLastTurn();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
