/* lintnews report: lazy article bodies, filters by rule and severity, rule links. */
(function () {
  var data = JSON.parse(document.getElementById("lintnews-data").textContent);
  var rules = data.rules;
  var sevOn = {};
  var ruleOn = {};
  document.querySelectorAll("input.f-sev").forEach(function (b) { sevOn[b.value] = b.checked; });
  document.querySelectorAll("input.f-rule").forEach(function (b) { ruleOn[b.value] = b.checked; });

  function visible(code, sev) {
    return sevOn[sev] !== false && ruleOn[code] !== false;
  }
  function ruleHref(code) { return "#rule-" + code; }

  /* Build an article's body the first time it is opened: 2,000 articles stay cheap. */
  function ensureBody(details) {
    if (details.dataset.built) return;
    details.dataset.built = "1";
    var body = details.querySelector(".file-body");
    var file = JSON.parse(details.querySelector("script.file-data").textContent);
    lintnews.renderArticle(body, file, rules, ruleHref);
    lintnews.applyFilter(body, visible);
  }

  var all = Array.prototype.slice.call(document.querySelectorAll("details.file"));
  /* each article's violations as [code, severity] pairs, from its data-vs attribute */
  var pairs = all.map(function (d) {
    return (d.dataset.vs || "").split(" ").filter(Boolean).map(function (t) {
      var k = t.lastIndexOf(":");
      return [t.slice(0, k), t.slice(k + 1)];
    });
  });
  all.forEach(function (d) {
    d.addEventListener("toggle", function () { if (d.open) ensureBody(d); });
  });

  function refresh() {
    var shownFiles = 0;
    var shownViolations = 0;
    all.forEach(function (d, j) {
      var vs = pairs[j];
      var n = 0;
      for (var i = 0; i < vs.length; i++) if (visible(vs[i][0], vs[i][1])) n++;
      d.hidden = n === 0 && vs.length > 0;
      if (!d.hidden) shownFiles++;
      shownViolations += n;
      if (d.dataset.built) lintnews.applyFilter(d.querySelector(".file-body"), visible);
    });
    var status = document.getElementById("filter-status");
    if (status) {
      status.textContent = "Showing " + shownViolations + " violations in " + shownFiles + " articles.";
    }
  }

  document.querySelectorAll("input.f-sev").forEach(function (b) {
    b.addEventListener("change", function () { sevOn[b.value] = b.checked; refresh(); });
  });
  document.querySelectorAll("input.f-rule").forEach(function (b) {
    b.addEventListener("change", function () { ruleOn[b.value] = b.checked; refresh(); });
  });
  function setRules(on) {
    document.querySelectorAll("input.f-rule").forEach(function (b) { b.checked = on; ruleOn[b.value] = on; });
    refresh();
  }
  var allBtn = document.getElementById("rules-all");
  var noneBtn = document.getElementById("rules-none");
  if (allBtn) allBtn.addEventListener("click", function () { setRules(true); });
  if (noneBtn) noneBtn.addEventListener("click", function () { setRules(false); });

  /* #file-N and #rule-CODE links open their <details>. */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var t = document.getElementById(id);
    if (t && t.tagName === "DETAILS") {
      t.open = true;
      if (t.classList.contains("file")) ensureBody(t);
      t.scrollIntoView({ block: "start" });
    }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest('a[href^="#"]') : null;
    if (a && a.getAttribute("href") === location.hash) openTarget();
  });
  refresh();
  openTarget();
})();
