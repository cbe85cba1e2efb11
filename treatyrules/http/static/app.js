/* treatyrules web page: a form for GET /which, the answer with the verdict first
 * (view=summary), the full answer on demand (view=full) and the draft request (GET /draft).
 *
 * No framework and no build step. Every URL is relative to the page, so the API can be
 * served under a path prefix. Text from the API is inserted with textContent only.
 * Every label comes from the message catalogue (GET i18n/<lang>, domain page); the
 * answers come from the API in the same language (lang=...).
 */
"use strict";

(function () {
  var LANGS = ["en", "es"];
  var DEFAULTS = {
    requesting: "ES",
    requested: "PE",
    measure: "expedited_preservation",
    offence: "electronic_evidence_any_offence"
  };
  var FIELDS = ["requesting", "requested", "measure", "offence", "on", "scenario", "max_penalty_years", "act_began"];
  var SELECTS = ["requesting", "requested", "measure", "offence", "scenario"];
  var QUESTION = FIELDS.concat(["urgent", "emergency", "mla_treaty", "extradition_treaty", "data_types"]);

  var ui = {
    lang: initialLanguage(),
    messages: {},
    vocabulary: null,
    states: [],
    scenarios: [],
    question: null,   /* URLSearchParams of the question asked, without lang and view */
    summary: null,
    full: null,
    showFull: false,
    fullError: null,
    error: null,
    draftError: null,
    drafting: null,
    pending: 0
  };

  function validLang(value) {
    return LANGS.indexOf(String(value || "").trim().toLowerCase()) >= 0 ? String(value).trim().toLowerCase() : null;
  }

  /* ?lang= in the address, else the choice saved in this browser, else the server's (Accept-Language). */
  function initialLanguage() {
    var fromUrl = validLang(new URLSearchParams(window.location.search).get("lang"));
    if (fromUrl) { return fromUrl; }
    var saved = null;
    try { saved = window.localStorage.getItem("treatyrules.lang"); } catch (e) { saved = null; }
    return validLang(saved) || validLang(document.documentElement.lang) || "en";
  }

  /* The label `key` in the language in use, with {name} filled from params. */
  function t(key, params) {
    var table = ui.messages[ui.lang] || {};
    var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
    if (params) {
      text = text.replace(/\{([a-z_]+)\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : all;
      });
    }
    return text;
  }

  /* h("p", {class: "x"}, "text", child, [more]) -> element; null and false children are skipped. */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === "class") { el.className = value; } else { el.setAttribute(name, value === true ? "" : String(value)); }
      });
    }
    for (var i = 2; i < arguments.length; i++) { append(el, arguments[i]); }
    return el;
  }

  function append(el, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }

  function byId(id) { return document.getElementById(id); }

  /* -- names --------------------------------------------------------------------------- */

  function tagName(kind, tag, lang) {
    var section = ui.vocabulary && ui.vocabulary[kind];
    if (section) {
      for (var i = 0; i < section.length; i++) {
        if (section[i].tag === tag) { return section[i][lang || ui.lang]; }
      }
    }
    return String(tag).replace(/_/g, " ");
  }

  function stateName(code) {
    for (var i = 0; i < ui.states.length; i++) {
      if (ui.states[i].code === code) { return ui.states[i][ui.lang]; }
    }
    return code;
  }

  function stateLabel(entry) {
    var other = ui.lang === "es" ? entry.en : entry.es;
    var mine = entry[ui.lang];
    return mine + (other && other !== mine ? " / " + other : "") + " (" + entry.code + ")";
  }

  /* -- small pieces of an answer ------------------------------------------------------ */

  function articles(list) {
    if (!list || !list.length) { return null; }
    return h("span", { class: "articles" }, "[", list.map(function (a, i) {
      return [i ? ", " : "", h("cite", null, a)];
    }), "]");
  }

  function verify(confidence) {
    if (confidence !== "verify") { return null; }
    return h("span", { class: "badge verify", title: t("verify_title") }, t("verify"));
  }

  function verdict(applicable) {
    var key = applicable === true ? "true" : applicable === false ? "false" : "null";
    var cls = applicable === true ? "yes" : applicable === false ? "no" : "maybe";
    return h("span", { class: "badge verdict " + cls }, t("verdict_" + key));
  }

  function availability(available) {
    var cls = available === true ? "yes" : available === false ? "no" : "maybe";
    var key = available === true ? "route_open" : available === false ? "route_closed" : "route_maybe";
    return h("span", { class: "badge state " + cls }, t(key));
  }

  function mark(holds) {
    var key = holds === true ? "true" : holds === false ? "false" : "null";
    var symbol = holds === true ? "✓" : holds === false ? "✗" : "?";
    var cls = holds === true ? "yes" : holds === false ? "no" : "maybe";
    return h("span", { class: "mark " + cls, title: t("holds_" + key) },
      h("span", { "aria-hidden": "true" }, symbol), h("span", { class: "sr-only" }, t("holds_" + key)));
  }

  function missing(list) {
    if (!list || !list.length) { return null; }
    return h("div", { class: "missing" }, h("span", { class: "label" }, t("missing_facts") + ":"),
      h("ul", null, list.map(function (m) { return h("li", null, m.text, " ", h("code", null, m.fact)); })));
  }

  /* A link to a source; a source that is not a web address (a seed file) is shown as text. */
  function sourceLink(source) {
    if (!source) { return null; }
    if (!/^https?:\/\//i.test(source)) { return h("span", { class: "source" }, "(" + t("source") + ": " + source + ")"); }
    return h("a", { href: source, class: "source", rel: "noopener noreferrer", title: source },
      h("span", { "aria-hidden": "true" }, "↗"), h("span", { class: "sr-only" }, t("source")));
  }

  function fact(f) {
    return h("li", { class: "fact" }, f.text,
      f.hypothetical ? [" ", h("span", { class: "badge hypo" }, t("hypothetical") + ": " + f.hypothetical)] : null,
      f.derived ? [" ", h("span", { class: "badge plain" }, t("derived"))] : null,
      f.confidence === "verify" ? [" ", verify(f.confidence)] : null);
  }

  function reason(r) {
    return h("li", { class: "reason" }, mark(r.holds), " ", r.text, " ", articles(r.articles), " ", verify(r.confidence),
      r.facts && r.facts.length ? h("ul", { class: "facts" }, r.facts.map(fact)) : null);
  }

  function section(title, items, extra) {
    if (!items || !items.length) { return null; }
    return h("section", { class: "part" }, h("h6", null, title, extra ? [" ", extra] : null), h("ul", null, items));
  }

  function groundSource(g) {
    if (g.source === "instrument" || !g.state) { return t("source_instrument"); }
    return t("source_" + g.source) + " " + stateName(g.state) + " (" + g.state + ")";
  }

  function groundItem(g) {
    var name = tagName("ground", g.ground);
    var detail = g.text && g.text.toLowerCase() !== name.toLowerCase() &&
      g.text.toLowerCase() !== tagName("ground", g.ground, "en").toLowerCase()
      ? h("span", { class: "detail" }, " — " + g.text) : null;
    return h("li", { class: "ground" }, h("strong", null, name), detail, " ",
      h("span", { class: "badge source " + g.source }, groundSource(g)), " ",
      g.applies === null ? [h("span", { class: "badge maybe" }, t("may_apply")), " "] : null,
      articles(g.articles), " ", verify(g.confidence), missing(g.missing_facts));
  }

  function textItem(item) {
    return h("li", null, item.text, item.applies === null ? [" ", h("em", null, "(" + t("if_applies") + ")")] : null,
      " ", articles(item.articles), " ", verify(item.confidence));
  }

  function actor(a) {
    return h("li", null, h("span", { class: "who" }, a.state + " — " + tagName("role", a.role)),
      a.name ? [": ", h("strong", { class: "authority" }, a.name), " ", verify(a.confidence), " ", sourceLink(a.source)] : null);
  }

  function yesNo(value) {
    return value === true ? t("yes") : value === false ? t("no") : t("unknown");
  }

  function querySummary(q) {
    var bits = [
      q.requesting + " " + stateName(q.requesting) + " → " + q.requested + " " + stateName(q.requested),
      tagName("measure", q.measure),
      tagName("offence", q.offence),
      q.on
    ];
    if (q.urgent) { bits.push(t("urgent_q")); }
    if (q.emergency) { bits.push(t("emergency_q")); }
    bits.push(t("mla_q") + ": " + yesNo(q.mla_treaty));
    if (q.measure === "extradition") { bits.push(t("extradition_q") + ": " + yesNo(q.extradition_treaty)); }
    if (q.scenario) { bits.push(t("scenario_is") + ": " + q.scenario); }
    return h("p", { class: "query-summary" }, bits.join(" · "));
  }

  /* -- the summary: the verdict first ---------------------------------------------------- */

  /* One end of a route: who, in which role, and the designated office where the data name it. */
  function end(label, a) {
    return h("li", { class: "end" }, h("span", { class: "label" }, label + ": "),
      h("span", { class: "who" }, stateName(a.state) + " (" + a.state + ") — " + tagName("role", a.role)), ": ",
      a.name ? [h("strong", { class: "authority" }, a.name), " ", verify(a.confidence), " ", sourceLink(a.source)]
        : (a.notified || []).length
          ? [h("em", { class: "detail" }, t("office_notified")), " ",
             a.notified.map(function (n) { return h("span", { class: "notified" }, n.text, " ", verify(n.confidence), " ", sourceLink(n.source)); })]
          : h("em", { class: "detail" }, t("office_not_named")));
  }

  function routeLine(r, full) {
    return h(full ? "div" : "li", { class: full ? "route recommended" : "route" },
      h("p", null, h("strong", null, tagName("instrument", r.instrument) + " · " + tagName("channel", r.channel)), " ",
        availability(r.available), " ", articles(r.articles), " ", verify(r.confidence)),
      h("ol", { class: full ? "ends" : "ends compact" }, end(t("sends"), r.sender), end(t("receives"), r.addressee)));
  }

  function verdictLine(v) {
    return h("li", { class: "verdict-line" }, h("strong", null, v.name), " ", verdict(v.applicable), " ", verify(v.confidence),
      h("span", { class: "why" }, " — " + v.why), " ", articles(v.articles));
  }

  function renderSummary(s) {
    var out = [
      h("h2", { id: "answer-heading" }, t("answer")),
      querySummary(s.query),
      h("section", { class: "in-short", "aria-labelledby": "in-short" },
        h("h3", { id: "in-short" }, t("in_short")),
        h("p", { class: "bottom-line" }, s.bottom_line),
        s.confidence === "verify" ? h("p", { class: "note" }, verify("verify"), " ", t("summary_verify")) : null),
      h("section", { class: "verdicts" }, h("h3", null, t("verdicts")), h("ul", null, s.verdicts.map(verdictLine))),
      h("section", { class: "route-part" }, h("h3", null, t("recommended_route")),
        s.route ? routeLine(s.route, true) : h("p", null, t("no_route")),
        s.other_routes && s.other_routes.length
          ? [h("h4", null, t("other_routes")), h("ul", { class: "routes" }, s.other_routes.map(function (r) { return routeLine(r, false); }))]
          : null)
    ];
    var grounds = s.grounds || [];
    out.push(h("section", { class: "grounds" },
      h("h3", null, t("grounds_of", { state: stateName(s.query.requested) })),
      grounds.length ? h("ul", null, grounds.map(groundItem)) : h("p", null, t("no_grounds")),
      grounds.length && s.grounds_closed_list ? h("p", { class: "note" }, t("grounds_closed")) : null));
    if (s.dual_criminality) {
      out.push(h("section", { class: "dual" }, h("h3", null, t("dual_criminality")),
        h("p", null, h("strong", null, tagName("dual_criminality", s.dual_criminality)), " ", articles(s.dual_criminality_articles))));
    }
    if (s.deadlines && s.deadlines.length) {
      out.push(h("section", { class: "deadlines" }, h("h3", null, t("deadlines")), h("ul", null, s.deadlines.map(textItem))));
    }
    if (s.missing_facts && s.missing_facts.length) {
      out.push(h("section", { class: "missing-facts" }, h("h3", null, t("missing_facts")), h("ul", null, s.missing_facts.map(function (m) {
        return h("li", null, m.text, " ", h("code", null, m.fact));
      }))));
    }
    if (s.caveats && s.caveats.length) {
      out.push(h("section", { class: "caveats" }, h("h3", null, t("caveats")), h("ul", null, s.caveats.map(function (c) {
        return h("li", null, c.text, " ", sourceLink(c.source));
      }))));
    }
    return out;
  }

  function renderDraft() {
    var busy = ui.drafting !== null;
    function button(fmt, key) {
      return h("button", { type: "button", class: "download", "data-format": fmt, disabled: busy },
        ui.drafting === fmt ? t("downloading") : t(key));
    }
    return h("section", { class: "draft", "aria-labelledby": "draft-heading" },
      h("h3", { id: "draft-heading" }, t("draft_heading")),
      h("p", { class: "note" }, t("draft_hint")),
      h("p", { class: "actions" }, button("docx", "download_docx"), " ", button("md", "download_md")),
      ui.draftError ? renderError(ui.draftError, t("draft_error")) : null);
  }

  /* -- the full answer (view=full) ------------------------------------------------------- */

  function channelItem(c) {
    var key = c.available === true ? "true" : c.available === false ? "false" : "null";
    var cls = c.available === true ? "yes" : c.available === false ? "no" : "maybe";
    var closers = (c.closed_by || []).filter(function (r) { return r.holds !== false; });
    return h("li", { class: "channel" },
      h("span", { class: "badge state " + cls }, t("channel_" + key)), " ",
      h("strong", null, tagName("channel", c.channel)), " ", articles(c.articles), " ", verify(c.confidence),
      missing(c.missing_facts),
      c.reasons && c.reasons.length ? h("ul", { class: "sub" }, c.reasons.map(function (r) {
        return h("li", null, t("opened_by") + ": ", r.text, " ", articles(r.articles), " ", verify(r.confidence));
      })) : null,
      closers.length ? h("ul", { class: "sub closers" }, closers.map(function (r) {
        return h("li", null, h("strong", null, (r.holds ? t("closed_by") : t("closed_if")) + ": "), r.text, " ",
          articles(r.articles), " ", verify(r.confidence));
      })) : null);
  }

  function basisView(b) {
    var id = "basis-" + b.instrument;
    var parts = [
      h("h5", { id: id }, tagName("instrument", b.instrument), " ", verdict(b.applicable), " ", verify(b.confidence)),
      b.name && b.name !== tagName("instrument", b.instrument) ? h("p", { class: "full-name" }, b.name) : null,
      b.measure_in_instrument ? h("p", null, h("span", { class: "label" }, t("measure_in_instrument") + ": "), b.measure_in_instrument) : null,
      missing(b.missing_facts),
      section(t("reasons"), (b.reasons || []).map(reason))
    ];
    if (b.applicable !== false) {
      var dc = b.dual_criminality;
      var closed = b.grounds_closed_list && b.grounds_closed_list.closed
        ? h("span", { class: "note" }, "(" + t("closed_list") + " ", articles(b.grounds_closed_list.articles), ")") : null;
      parts.push(
        section(t("channels"), (b.channels || []).map(channelItem)),
        dc ? h("section", { class: "part" }, h("h6", null, t("dual_criminality")),
          h("p", null, h("strong", null, tagName("dual_criminality", dc.value)), " ", articles(dc.articles), " ", verify(dc.confidence)),
          dc.reasons && dc.reasons.length ? h("ul", null, dc.reasons.map(reason)) : null) : null,
        section(t("refusal_grounds"), (b.refusal_grounds || []).map(groundItem), closed),
        section(t("postponement"), (b.postponement_grounds || []).map(groundItem)),
        section(t("prohibited"), (b.prohibited_grounds || []).map(groundItem)),
        section(t("time_limits"), (b.time_limits || []).map(textItem)),
        section(t("required_contents"), (b.required_contents || []).map(textItem)),
        section(t("conditions"), (b.conditions || []).map(textItem))
      );
      if (b.relationship && b.relationship.length) {
        parts.push(h("details", { class: "part" }, h("summary", null, t("relationship")),
          h("ul", null, b.relationship.map(textItem))));
      }
    }
    return h("article", { class: "basis " + (b.applicable === true ? "applies" : b.applicable === false ? "not-applies" : "undetermined"), "aria-labelledby": id }, parts);
  }

  function routeItem(r) {
    var hops = [];
    if (r.hops && r.hops.length) {
      hops.push(actor(r.hops[0].sender));
      r.hops.forEach(function (hop) { hops.push(actor(hop.receiver)); });
    }
    return h("li", { class: "route" },
      h("p", null, h("strong", null, tagName("instrument", r.instrument) + " · " + tagName("channel", r.channel)), " ",
        availability(r.available), " ", articles(r.articles), " ", verify(r.confidence)),
      hops.length ? h("ol", { class: "hops" }, hops) : h("p", null, t("no_request_needed")),
      missing(r.missing_facts));
  }

  function branchView(branch) {
    var value = branch.assuming && branch.assuming.mla_treaty;
    var rows = (branch.bases || []).filter(function (b) { return b.applicable !== false; }).map(function (b) {
      var open = (b.channels || []).filter(function (c) { return c.available; }).map(function (c) { return tagName("channel", c.channel); });
      var grounds = (b.refusal_grounds || []).map(function (g) { return tagName("ground", g.ground); });
      return h("li", null, h("strong", null, tagName("instrument", b.instrument)), " ", verdict(b.applicable), " — ",
        t("open_channels") + ": " + (open.join(", ") || t("none")) + "; " + t("grounds") + ": " + (grounds.join(", ") || t("none")));
    });
    return h("li", null, h("p", null, t("branch_if") + " " + (value ? t("yes") : t("no"))), h("ul", null, rows));
  }

  function renderFull(a) {
    var out = [];
    if (a.hypotheses && a.hypotheses.length) {
      out.push(h("section", { class: "hypotheses" }, h("h4", null, t("hypotheses")), h("ul", null, a.hypotheses.map(fact))));
    }
    out.push(h("section", null, h("h4", null, t("summary")), h("ul", { class: "summary" }, a.bases.map(function (b) {
      return h("li", null, h("a", { href: "#basis-" + b.instrument }, tagName("instrument", b.instrument)), " ",
        verdict(b.applicable), " ", verify(b.confidence));
    }))));
    out.push(h("section", null, h("h4", null, t("routes")),
      a.routes && a.routes.length ? h("ol", { class: "routes" }, a.routes.map(routeItem)) : h("p", null, t("no_routes"))));
    out.push(h("section", null, h("h4", null, t("instruments")), a.bases.map(basisView)));
    if (a.branches && a.branches.length) {
      out.push(h("section", null, h("h4", null, t("branches")), h("ul", { class: "branches" }, a.branches.map(branchView))));
    }
    if (a.caveats && a.caveats.length) {
      out.push(h("section", { class: "caveats" }, h("h4", null, t("caveats")), h("ul", null, a.caveats.map(function (c) {
        return h("li", null, c.text, " ", sourceLink(c.source));
      }))));
    }
    return out;
  }

  function renderFullPart() {
    var body = null;
    if (ui.showFull) {
      body = ui.fullError ? renderError(ui.fullError) : ui.full ? renderFull(ui.full) : h("p", { class: "note" }, t("loading_full"));
    }
    return h("section", { class: "full" },
      h("p", null, h("button", { type: "button", id: "toggle-full", class: "toggle", "aria-expanded": ui.showFull ? "true" : "false", "aria-controls": "full-answer" },
        ui.showFull ? t("hide_full") : t("show_full"))),
      h("div", { id: "full-answer", hidden: !ui.showFull }, ui.showFull ? h("h3", null, t("full_answer")) : null, body));
  }

  /* -- errors ------------------------------------------------------------------------------ */

  function renderError(err, heading) {
    var e = (err && err.error) || { type: "Error", message: String(err) };
    return h("div", { class: "error", role: "alert" },
      h(heading ? "h4" : "h2", null, heading || t("error")),
      h("p", null, h("code", { class: "error-type" }, e.type), " ", h("span", { class: "error-message" }, e.message)),
      e.field ? h("p", { class: "note" }, t("error_field") + ": ", h("code", null, e.field)) : null,
      e.suggestions && e.suggestions.length ? h("p", null, t("suggestions") + ": " + e.suggestions.join(", ") + "?") : null);
  }

  function render() {
    var box = byId("result");
    box.textContent = "";
    if (ui.error) { append(box, renderError(ui.error)); return; }
    if (ui.summary) {
      append(box, renderSummary(ui.summary));
      append(box, renderDraft());
      append(box, renderFullPart());
    }
  }

  /* -- the form ------------------------------------------------------------------------ */

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { return true; }
    }
    return false;
  }

  /* Select `value`; a value the list does not hold (from a link) stays, marked, so that the
   * server answers it with its typed error instead of the page asking something else. */
  function choose(select, value) {
    if (value === undefined || value === null) { return; }
    if (value !== "" && !hasOption(select, value)) {
      select.appendChild(h("option", { value: value, class: "not-listed" }, t("not_listed", { value: value })));
    }
    select.value = value;
  }

  function fillSelect(select, groups, value) {
    select.textContent = "";
    groups.forEach(function (group) {
      var parent = select;
      if (group.label) { parent = h("optgroup", { label: group.label }); select.appendChild(parent); }
      group.options.forEach(function (o) { parent.appendChild(h("option", { value: o.value }, o.text)); });
    });
    choose(select, value);
  }

  function sortByName(list) {
    return list.slice().sort(function (a, b) { return a.text.localeCompare(b.text, ui.lang); });
  }

  function fillForm() {
    ["requesting", "requested"].forEach(function (id) {
      var select = byId(id);
      var current = select.value || DEFAULTS[id];
      var onRecord = [];
      var others = [];
      ui.states.forEach(function (s) {
        (s.instruments_on_record.length ? onRecord : others).push({ value: s.code, text: stateLabel(s) });
      });
      fillSelect(select, [
        { label: t("states_on_record"), options: sortByName(onRecord) },
        { label: t("other_states"), options: sortByName(others) }
      ], current);
    });
    ["measure", "offence"].forEach(function (kind) {
      var select = byId(kind);
      var current = select.value || DEFAULTS[kind];
      fillSelect(select, [{ options: ui.vocabulary[kind].map(function (x) { return { value: x.tag, text: x[ui.lang] }; }) }], current);
    });
    var scenario = byId("scenario");
    var chosen = scenario.value;
    fillSelect(scenario, [{ options: [{ value: "", text: t("no_scenario") }].concat(ui.scenarios.map(function (s) {
      return { value: s.name, text: s.title };
    })) }], chosen);
    var box = byId("data-types");
    var checked = {};
    Array.prototype.forEach.call(box.querySelectorAll("input"), function (i) { checked[i.value] = i.checked; });
    box.textContent = "";
    ui.vocabulary.data_type.forEach(function (d) {
      var id = "dt-" + d.tag;
      box.appendChild(h("div", { class: "check" },
        h("input", { type: "checkbox", id: id, name: "data_types", value: d.tag, checked: !!checked[d.tag] }),
        h("label", { for: id }, d[ui.lang])));
    });
  }

  function translatePage() {
    document.documentElement.lang = ui.lang;
    document.title = t("doc_title");
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (el) {
      el.textContent = t(el.getAttribute("data-i18n"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-label]"), function (el) {
      el.setAttribute("aria-label", t(el.getAttribute("data-i18n-label")));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-placeholder]"), function (el) {
      el.setAttribute("placeholder", t(el.getAttribute("data-i18n-placeholder")));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-lang]"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === ui.lang ? "true" : "false");
    });
    var hidden = document.querySelector("#query input[name=lang]");
    if (hidden) { hidden.value = ui.lang; }
  }

  function formParams() {
    var form = byId("query");
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) { params.set(name, value); }
    });
    ["urgent", "emergency"].forEach(function (name) {
      if (form.elements[name].checked) { params.set(name, "true"); }
    });
    ["mla_treaty", "extradition_treaty"].forEach(function (name) {
      var checked = form.querySelector("input[name=" + name + "]:checked");
      if (checked && checked.value !== "unknown") { params.set(name, checked.value); }
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[name=data_types]:checked"), function (i) {
      params.append("data_types", i.value);
    });
    return params;
  }

  function loadParams(params) {
    var form = byId("query");
    FIELDS.forEach(function (name) {
      if (!params.has(name)) { return; }
      if (SELECTS.indexOf(name) >= 0) { choose(form.elements[name], params.get(name)); } else { form.elements[name].value = params.get(name); }
    });
    ["urgent", "emergency"].forEach(function (name) {
      form.elements[name].checked = /^(true|1|yes|on)$/i.test(params.get(name) || "");
    });
    [["mla_treaty", "mla-"], ["extradition_treaty", "ext-"]].forEach(function (pair) {
      var value = (params.get(pair[0]) || "unknown").toLowerCase();
      var radio = byId(pair[1] + (value === "true" || value === "false" ? value : "unknown"));
      if (radio) { radio.checked = true; }
    });
    var types = params.getAll("data_types").join(",").split(",");
    Array.prototype.forEach.call(form.querySelectorAll("input[name=data_types]"), function (i) {
      i.checked = types.indexOf(i.value) >= 0;
    });
    if (types.join("") || params.has("max_penalty_years") || params.has("act_began") || params.has("extradition_treaty")) { byId("more").open = true; }
  }

  function markInvalid(error) {
    Array.prototype.forEach.call(document.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
    var e = error && error.error;
    if (!e) { return; }
    var fields = e.field ? [e.field] : (e.errors || []).map(function (x) { return String(x.location || "").split(".").pop(); });
    fields.forEach(function (field) {
      var el = field && FIELDS.indexOf(field) >= 0 && byId(field);
      if (el) { el.setAttribute("aria-invalid", "true"); }
    });
  }

  /* -- talking to the server ------------------------------------------------------------ */

  function failure(response) {
    return response.json().then(function (body) {
      throw body && body.error ? body : { error: { type: "HTTPError", message: t("http_error", { status: response.status }) } };
    }, function () {
      throw { error: { type: "HTTPError", message: t("http_error", { status: response.status }) } };
    });
  }

  function networkFailure() {
    throw { error: { type: "NetworkError", message: t("network_error") } };
  }

  function getJSON(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) { return failure(response); }
      return response.json();
    }, networkFailure);
  }

  function ensureMessages(lang) {
    if (ui.messages[lang]) { return Promise.resolve(ui.messages[lang]); }
    return getJSON("i18n/" + lang).then(function (body) {
      ui.messages[lang] = body.messages;
      return body.messages;
    });
  }

  /* The question's parameters plus lang and the given extras, as a query string. */
  function query(params, extra) {
    var out = new URLSearchParams(params.toString());
    out.set("lang", ui.lang);
    Object.keys(extra || {}).forEach(function (name) { out.set(name, extra[name]); });
    return out.toString();
  }

  function setAddress(params) {
    if (!window.history || !window.history.replaceState) { return; }
    var out = params ? new URLSearchParams(params.toString()) : new URLSearchParams(window.location.search);
    out.set("lang", ui.lang);
    window.history.replaceState(null, "", "?" + out.toString());
  }

  function ask() {
    return askWith(formParams());
  }

  function askWith(params) {
    var ticket = ++ui.pending;
    var box = byId("result");
    var button = byId("submit");
    ui.question = params;
    box.setAttribute("aria-busy", "true");
    button.disabled = true;
    button.textContent = t("asking");
    setAddress(params);
    return getJSON("which?" + query(params, { view: "summary" })).then(function (summary) {
      if (ticket !== ui.pending) { return; }
      ui.summary = summary;
      ui.full = null;
      ui.fullError = null;
      ui.draftError = null;
      ui.error = null;
    }, function (error) {
      if (ticket !== ui.pending) { return; }
      ui.summary = null;
      ui.full = null;
      ui.error = error;
    }).then(function () {
      if (ticket !== ui.pending) { return; }
      markInvalid(ui.error);
      box.setAttribute("aria-busy", "false");
      button.disabled = false;
      button.textContent = t("submit");
      render();
      box.focus();
      if (ui.summary && ui.showFull) { return loadFull(); }
    });
  }

  function loadFull() {
    var ticket = ui.pending;
    return getJSON("which?" + query(ui.question, { view: "full" })).then(function (answer) {
      if (ticket !== ui.pending) { return; }
      ui.full = answer;
      ui.fullError = null;
    }, function (error) {
      if (ticket !== ui.pending) { return; }
      ui.fullError = error;
    }).then(function () {
      if (ticket === ui.pending) { render(); }
    });
  }

  function toggleFull() {
    ui.showFull = !ui.showFull;
    render();
    var button = byId("toggle-full");
    if (button) { button.focus(); }
    if (ui.showFull && !ui.full && ui.question) { return loadFull(); }
  }

  function filename(response, fmt) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="?([^";]+)"?/i.exec(header);
    return match ? match[1] : "draft." + fmt;
  }

  function download(fmt) {
    if (!ui.question || ui.drafting) { return; }
    ui.drafting = fmt;
    ui.draftError = null;
    render();
    return fetch("draft?" + query(ui.question, { format: fmt })).then(function (response) {
      if (!response.ok) { return failure(response); }
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var link = h("a", { href: url, download: filename(response, fmt), hidden: true });
        document.body.appendChild(link);
        link.click();
        window.setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 1000);
      });
    }, networkFailure).then(null, function (error) {
      ui.draftError = error;
    }).then(function () {
      ui.drafting = null;
      render();
    });
  }

  function setLanguage(lang) {
    return ensureMessages(lang).then(function () {
      ui.lang = lang;
      try { window.localStorage.setItem("treatyrules.lang", lang); } catch (e) { /* private mode */ }
      translatePage();
      if (ui.vocabulary) { fillForm(); }
      if (ui.question) { return askWith(ui.question); }
      setAddress(null);
      render();
    }, function (error) {
      ui.error = error;
      render();
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-lang]"), function (b) {
      b.addEventListener("click", function () { setLanguage(b.getAttribute("data-lang")); });
    });
    byId("query").addEventListener("submit", function (event) {
      event.preventDefault();
      ask();
    });
    byId("result").addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("button") : null;
      if (!target) { return; }
      if (target.id === "toggle-full") { toggleFull(); }
      if (target.classList.contains("download")) { download(target.getAttribute("data-format")); }
    });
    var today = new Date();
    byId("on").value = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map(function (n) {
      return (n < 10 ? "0" : "") + n;
    }).join("-");
    translateButtons();
    return Promise.all([ensureMessages(ui.lang), getJSON("vocabulary"), getJSON("states"), getJSON("scenarios")]).then(function (loaded) {
      ui.vocabulary = loaded[1];
      ui.states = loaded[2];
      ui.scenarios = loaded[3];
      translatePage();
      fillForm();
      byId("status").hidden = true;
      var params = new URLSearchParams(window.location.search);
      loadParams(params);
      if (QUESTION.some(function (name) { return params.has(name); })) {
        return ask();
      }
      setAddress(null);
    }, function (error) {
      byId("status").hidden = true;
      ui.error = error && error.error ? error : { error: { type: "Error", message: t("load_error") } };
      render();
    });
  }

  function translateButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-lang]"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === ui.lang ? "true" : "false");
    });
  }

  window.treatyrules = { start: start, renderSummary: renderSummary, renderFull: renderFull, ui: ui };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
