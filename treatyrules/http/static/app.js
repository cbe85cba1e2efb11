/* treatyrules web page: a form for GET /which and a readable rendering of the Answer.
 *
 * No framework and no build step. Every URL is relative to the page, so the API can be
 * served under a path prefix. Text from the API is inserted with textContent only.
 */
"use strict";

(function () {
  var I18N = {
    en: {
      title: "Which treaty applies?",
      subtitle: "Which international instrument governs a cross-border request for electronic evidence, through which channel it travels, and on which grounds it may be refused.",
      skip: "Skip to the answer",
      form_heading: "Question",
      requesting: "Requesting State",
      requested: "Requested State",
      measure: "Measure",
      offence: "Offence",
      on: "Date",
      on_hint: "The date the answer is for (YYYY-MM-DD).",
      scenario: "What-if scenario",
      no_scenario: "None (the data as recorded)",
      circumstances: "Circumstances",
      urgent: "Urgent",
      emergency: "Emergency",
      emergency_hint: "A significant and imminent risk to the life or safety of a person.",
      mla_treaty: "Is another mutual legal assistance treaty in force between the two States?",
      extradition_treaty: "For extradition: is an extradition treaty in force between the two States?",
      yes: "Yes",
      no: "No",
      unknown: "Unknown",
      more: "More facts (optional)",
      data_types: "Data sought",
      max_penalty_years: "Maximum penalty (years)",
      act_began: "Date the co-operation act began",
      submit: "Ask",
      asking: "Asking…",
      footer: "Every conclusion cites its articles. Anything marked “confidence: verify” must be checked against the official text before it is relied on.",
      api_link: "API (OpenAPI)",
      states_on_record: "States in the treaty data",
      other_states: "Other States",
      answer: "Answer",
      texts_language: "",
      summary: "Summary",
      verdict_true: "applies",
      verdict_false: "does not apply",
      verdict_null: "undetermined",
      verify: "confidence: verify",
      verify_title: "The reference texts could not confirm this point: check it against the official text.",
      hypothetical: "hypothetical",
      derived: "derived",
      hypotheses: "Hypothetical facts the answer relies on",
      scenario_is: "scenario",
      routes: "Routes, fastest first",
      no_routes: "No route is open for this request.",
      no_request_needed: "no request needed",
      route_open: "open",
      route_maybe: "if available",
      route_closed: "closed",
      instruments: "Instruments",
      measure_in_instrument: "Measure in this instrument",
      missing_facts: "Missing facts",
      reasons: "Reasons",
      holds_true: "holds",
      holds_false: "does not hold",
      holds_null: "undetermined",
      channels: "Channels",
      channel_true: "open",
      channel_false: "closed",
      channel_null: "unknown",
      closed_by: "closed by",
      closed_if: "closed if it applies",
      opened_by: "opened by",
      dual_criminality: "Dual criminality",
      refusal_grounds: "Refusal grounds",
      closed_list: "closed list",
      source_instrument: "instrument",
      source_reservation: "reservation of",
      source_declaration: "declaration of",
      may_apply: "may apply",
      postponement: "Postponement",
      prohibited: "Grounds the requested State may not rely on",
      time_limits: "Time limits",
      required_contents: "The request must state",
      conditions: "Conditions and duties",
      if_applies: "if it applies",
      relationship: "Relationship with other treaties",
      branches: "The question leaves open whether another MLA treaty is in force; the answer by branch",
      branch_if: "If another MLA treaty is in force:",
      open_channels: "open channels",
      grounds: "refusal grounds",
      none: "none",
      caveats: "Caveats",
      urgent_q: "urgent",
      emergency_q: "emergency",
      mla_q: "MLA treaty",
      extradition_q: "extradition treaty",
      error: "Error",
      suggestions: "Did you mean",
      source: "source",
      load_error: "The lists of States and tags could not be loaded.",
      network_error: "The server could not be reached."
    },
    es: {
      title: "¿Qué tratado se aplica?",
      subtitle: "Qué instrumento internacional rige una solicitud transfronteriza de prueba electrónica, por qué canal se envía y por qué motivos puede denegarse.",
      skip: "Ir a la respuesta",
      form_heading: "Consulta",
      requesting: "Estado requirente",
      requested: "Estado requerido",
      measure: "Medida",
      offence: "Delito",
      on: "Fecha",
      on_hint: "Fecha para la que se responde (AAAA-MM-DD).",
      scenario: "Escenario hipotético",
      no_scenario: "Ninguno (los datos registrados)",
      circumstances: "Circunstancias",
      urgent: "Urgente",
      emergency: "Emergencia",
      emergency_hint: "Riesgo significativo e inminente para la vida o la seguridad de una persona.",
      mla_treaty: "¿Hay otro tratado de asistencia judicial mutua en vigor entre ambos Estados?",
      extradition_treaty: "Para una extradición: ¿hay un tratado de extradición en vigor entre ambos Estados?",
      yes: "Sí",
      no: "No",
      unknown: "No se sabe",
      more: "Más datos (opcional)",
      data_types: "Datos que se solicitan",
      max_penalty_years: "Pena máxima (años)",
      act_began: "Inicio del acto de cooperación",
      submit: "Consultar",
      asking: "Consultando…",
      footer: "Cada conclusión cita sus artículos. Lo marcado «confianza: verificar» debe comprobarse con el texto oficial antes de usarse.",
      api_link: "API (OpenAPI)",
      states_on_record: "Estados con datos de tratados",
      other_states: "Otros Estados",
      answer: "Respuesta",
      texts_language: "Los nombres de medidas, canales y motivos aparecen en español; los textos de las reglas, en inglés.",
      summary: "Resumen",
      verdict_true: "se aplica",
      verdict_false: "no se aplica",
      verdict_null: "indeterminado",
      verify: "confianza: verificar",
      verify_title: "Los textos de referencia no permitieron confirmar este punto: compruébelo con el texto oficial.",
      hypothetical: "hipotético",
      derived: "deducido",
      hypotheses: "Hechos hipotéticos en los que se basa la respuesta",
      scenario_is: "escenario",
      routes: "Vías, de la más rápida a la más lenta",
      no_routes: "No hay ninguna vía abierta para esta solicitud.",
      no_request_needed: "no hace falta solicitud",
      route_open: "abierta",
      route_maybe: "si está disponible",
      route_closed: "cerrada",
      instruments: "Instrumentos",
      measure_in_instrument: "Medida en este instrumento",
      missing_facts: "Datos que faltan",
      reasons: "Razones",
      holds_true: "se cumple",
      holds_false: "no se cumple",
      holds_null: "sin determinar",
      channels: "Canales",
      channel_true: "abierto",
      channel_false: "cerrado",
      channel_null: "sin determinar",
      closed_by: "lo cierra",
      closed_if: "lo cierra si se aplica",
      opened_by: "lo abre",
      dual_criminality: "Doble incriminación",
      refusal_grounds: "Motivos de denegación",
      closed_list: "lista cerrada",
      source_instrument: "instrumento",
      source_reservation: "reserva de",
      source_declaration: "declaración de",
      may_apply: "puede aplicarse",
      postponement: "Aplazamiento",
      prohibited: "Motivos que el Estado requerido no puede invocar",
      time_limits: "Plazos",
      required_contents: "La solicitud debe indicar",
      conditions: "Condiciones y deberes",
      if_applies: "si se aplica",
      relationship: "Relación con otros tratados",
      branches: "La consulta no dice si hay otro tratado de asistencia en vigor; la respuesta en cada caso",
      branch_if: "Si hay otro tratado de asistencia en vigor:",
      open_channels: "canales abiertos",
      grounds: "motivos de denegación",
      none: "ninguno",
      caveats: "Advertencias",
      urgent_q: "urgente",
      emergency_q: "emergencia",
      mla_q: "tratado de asistencia",
      extradition_q: "tratado de extradición",
      error: "Error",
      suggestions: "¿Quiso decir",
      source: "fuente",
      load_error: "No se pudieron cargar las listas de Estados y etiquetas.",
      network_error: "No se pudo contactar con el servidor."
    }
  };

  var DEFAULTS = {
    requesting: "ES",
    requested: "PE",
    measure: "expedited_preservation",
    offence: "electronic_evidence_any_offence"
  };
  var FIELDS = ["requesting", "requested", "measure", "offence", "on", "scenario", "max_penalty_years", "act_began"];

  var ui = {
    lang: initialLanguage(),
    vocabulary: null,
    states: [],
    scenarios: [],
    answer: null,
    error: null,
    pending: 0
  };

  function initialLanguage() {
    var saved = null;
    try { saved = window.localStorage.getItem("treatyrules.lang"); } catch (e) { saved = null; }
    if (saved === "es" || saved === "en") { return saved; }
    var nav = (navigator.language || "es").toLowerCase();
    return nav.indexOf("en") === 0 ? "en" : "es";
  }

  function t(key) {
    var table = I18N[ui.lang] || I18N.en;
    return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : I18N.en[key] || key;
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

  /* -- small pieces of the answer ---------------------------------------------------- */

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
    return h("section", { class: "part" }, h("h5", null, title, extra ? [" ", extra] : null), h("ul", null, items));
  }

  /* -- one instrument --------------------------------------------------------------- */

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

  function groundSource(g) {
    if (g.source === "instrument" || !g.state) { return t("source_instrument"); }
    return t("source_" + g.source) + " " + stateName(g.state) + " (" + g.state + ")";
  }

  function groundItem(g) {
    var name = tagName("ground", g.ground);
    var english = tagName("ground", g.ground, "en");
    var detail = g.text && g.text.toLowerCase() !== english.toLowerCase() ? h("span", { class: "detail" }, " — " + g.text) : null;
    return h("li", { class: "ground" }, h("strong", null, name), detail, " ",
      h("span", { class: "badge source " + g.source }, groundSource(g)), " ",
      g.applies === null ? [h("span", { class: "badge maybe" }, t("may_apply")), " "] : null,
      articles(g.articles), " ", verify(g.confidence), missing(g.missing_facts));
  }

  function textItem(item) {
    return h("li", null, item.text, item.applies === null ? [" ", h("em", null, "(" + t("if_applies") + ")")] : null,
      " ", articles(item.articles), " ", verify(item.confidence));
  }

  function basisView(b) {
    var id = "basis-" + b.instrument;
    var parts = [
      h("h4", { id: id }, tagName("instrument", b.instrument), " ", verdict(b.applicable), " ", verify(b.confidence)),
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
        dc ? h("section", { class: "part" }, h("h5", null, t("dual_criminality")),
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

  /* -- routes ----------------------------------------------------------------------- */

  function actor(a) {
    return h("li", null, h("span", { class: "who" }, a.state + " — " + tagName("role", a.role)),
      a.name ? [": ", h("strong", { class: "authority" }, a.name), " ", sourceLink(a.source)] : null);
  }

  function routeItem(r) {
    var cls = r.available === true ? "yes" : r.available === false ? "no" : "maybe";
    var key = r.available === true ? "route_open" : r.available === false ? "route_closed" : "route_maybe";
    var hops = [];
    if (r.hops && r.hops.length) {
      hops.push(actor(r.hops[0].sender));
      r.hops.forEach(function (hop) { hops.push(actor(hop.receiver)); });
    }
    return h("li", { class: "route" },
      h("p", null, h("strong", null, tagName("instrument", r.instrument) + " · " + tagName("channel", r.channel)), " ",
        h("span", { class: "badge state " + cls }, t(key)), " ", articles(r.articles), " ", verify(r.confidence)),
      hops.length ? h("ol", { class: "hops" }, hops) : h("p", null, t("no_request_needed")),
      missing(r.missing_facts));
  }

  /* -- the whole answer ------------------------------------------------------------- */

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

  function renderAnswer(a) {
    var out = [h("h2", { id: "answer-heading" }, t("answer")), querySummary(a.query)];
    if (t("texts_language")) { out.push(h("p", { class: "note" }, t("texts_language"))); }
    if (a.hypotheses && a.hypotheses.length) {
      out.push(h("section", { class: "hypotheses" }, h("h3", null, t("hypotheses")), h("ul", null, a.hypotheses.map(fact))));
    }
    out.push(h("section", null, h("h3", null, t("summary")), h("ul", { class: "summary" }, a.bases.map(function (b) {
      return h("li", null, h("a", { href: "#basis-" + b.instrument }, tagName("instrument", b.instrument)), " ",
        verdict(b.applicable), " ", verify(b.confidence));
    }))));
    out.push(h("section", null, h("h3", null, t("routes")),
      a.routes && a.routes.length ? h("ol", { class: "routes" }, a.routes.map(routeItem)) : h("p", null, t("no_routes"))));
    out.push(h("section", null, h("h3", null, t("instruments")), a.bases.map(basisView)));
    if (a.branches && a.branches.length) {
      out.push(h("section", null, h("h3", null, t("branches")), h("ul", { class: "branches" }, a.branches.map(branchView))));
    }
    if (a.caveats && a.caveats.length) {
      out.push(h("section", { class: "caveats" }, h("h3", null, t("caveats")), h("ul", null, a.caveats.map(function (c) {
        return h("li", null, c.text, " ", sourceLink(c.source));
      }))));
    }
    return out;
  }

  function renderError(err) {
    var e = err.error || { type: t("error"), message: String(err) };
    return h("div", { class: "error", role: "alert" },
      h("h2", null, t("error")),
      h("p", null, h("code", null, e.type), " ", e.message),
      e.suggestions && e.suggestions.length ? h("p", null, t("suggestions") + ": " + e.suggestions.join(", ") + "?") : null);
  }

  function render() {
    var box = byId("result");
    box.textContent = "";
    box.setAttribute("aria-label", t("answer"));
    if (ui.error) { append(box, renderError(ui.error)); return; }
    if (ui.answer) { append(box, renderAnswer(ui.answer)); }
  }

  /* -- the form ------------------------------------------------------------------------ */

  function fillSelect(select, groups, value) {
    select.textContent = "";
    groups.forEach(function (group) {
      var parent = select;
      if (group.label) { parent = h("optgroup", { label: group.label }); select.appendChild(parent); }
      group.options.forEach(function (o) { parent.appendChild(h("option", { value: o.value }, o.text)); });
    });
    if (value !== undefined && value !== null) { select.value = value; }
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
    document.title = "treatyrules — " + t("title");
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (el) {
      el.textContent = t(el.getAttribute("data-i18n"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-lang]"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === ui.lang ? "true" : "false");
    });
  }

  function setLanguage(lang) {
    ui.lang = lang;
    try { window.localStorage.setItem("treatyrules.lang", lang); } catch (e) { /* private mode */ }
    translatePage();
    if (ui.vocabulary) { fillForm(); }
    render();
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
      if (params.has(name)) { form.elements[name].value = params.get(name); }
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
    var field = error && error.error && error.error.field;
    var el = field && byId(field);
    if (el) { el.setAttribute("aria-invalid", "true"); }
  }

  function getJSON(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw body; }
        return body;
      }, function () {
        throw { error: { type: "HTTP " + response.status, message: response.statusText } };
      });
    }, function () {
      throw { error: { type: "NetworkError", message: t("network_error") } };
    });
  }

  function ask() {
    var params = formParams();
    var ticket = ++ui.pending;
    var box = byId("result");
    var button = byId("submit");
    box.setAttribute("aria-busy", "true");
    button.disabled = true;
    button.textContent = t("asking");
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "?" + params.toString());
    }
    return getJSON("which?" + params.toString()).then(function (answer) {
      if (ticket !== ui.pending) { return; }
      ui.answer = answer;
      ui.error = null;
    }, function (error) {
      if (ticket !== ui.pending) { return; }
      ui.answer = null;
      ui.error = error;
    }).then(function () {
      if (ticket !== ui.pending) { return; }
      markInvalid(ui.error);
      box.setAttribute("aria-busy", "false");
      button.disabled = false;
      button.textContent = t("submit");
      render();
      box.focus();
    });
  }

  function start() {
    translatePage();
    Array.prototype.forEach.call(document.querySelectorAll("[data-lang]"), function (b) {
      b.addEventListener("click", function () { setLanguage(b.getAttribute("data-lang")); });
    });
    byId("query").addEventListener("submit", function (event) {
      event.preventDefault();
      ask();
    });
    var today = new Date();
    byId("on").value = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map(function (n) {
      return (n < 10 ? "0" : "") + n;
    }).join("-");
    return Promise.all([getJSON("vocabulary"), getJSON("states"), getJSON("scenarios")]).then(function (loaded) {
      ui.vocabulary = loaded[0];
      ui.states = loaded[1];
      ui.scenarios = loaded[2];
      fillForm();
      var params = new URLSearchParams(window.location.search);
      loadParams(params);
      if (params.has("requesting") && params.has("requested") && params.has("measure") && params.has("offence")) {
        return ask();
      }
    }, function (error) {
      ui.error = error && error.error ? error : { error: { type: "Error", message: t("load_error") } };
      render();
    });
  }

  window.treatyrules = { start: start, render: renderAnswer, i18n: I18N, ui: ui };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
