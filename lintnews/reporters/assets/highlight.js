/* lintnews: draws one article from its payload (shared by the report and `lintnews serve`).
 *
 * The payload comes from lintnews.reporters.html.file_payload:
 *   p: path, v: [[code, severity, line, column, end_line, end_column, message], ...],
 *   b: highlight tree (a node is a string or [violation index, ...children]) or null,
 *   r: readability metrics, n: a note when the text is unavailable.
 * Article text only ever becomes text nodes (never innerHTML), so markup in an
 * article is shown, not run.
 */
"use strict";
var lintnews = (function () {
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function buildMarks(parent, nodes, file, rules) {
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (typeof n === "string") {
        parent.appendChild(document.createTextNode(n));
        continue;
      }
      var v = file.v[n[0]];
      var rule = rules[v[0]] || {};
      var m = el("mark", "hl sev-" + v[1]);
      m.dataset.v = String(n[0]);
      m.dataset.code = v[0];
      m.dataset.sev = v[1];
      m.title = v[0] + " " + (rule.name || "") + " (" + v[1] + ")\n" + v[6];
      if (n.length === 1) m.classList.add("empty");
      buildMarks(m, n.slice(1), file, rules);
      parent.appendChild(m);
    }
  }

  function flash(root, index) {
    var marks = root.querySelectorAll('mark.hl[data-v="' + index + '"]');
    if (!marks.length) return;
    marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
    marks.forEach(function (m) { m.classList.add("flash"); });
    setTimeout(function () { marks.forEach(function (m) { m.classList.remove("flash"); }); }, 1200);
  }

  /* Fill `container` with the highlighted text and the list of violations. */
  function renderArticle(container, file, rules, ruleHref) {
    container.textContent = "";
    var left = el("div", "text-col");
    if (file.n) left.appendChild(el("p", "note", file.n));
    if (file.b) {
      var pre = el("pre", "src");
      buildMarks(pre, file.b, file, rules);
      left.appendChild(pre);
    }
    var list = el("ol", "vlist");
    file.v.forEach(function (v, i) {
      var li = el("li", "sev-" + v[1]);
      li.dataset.v = String(i);
      li.dataset.code = v[0];
      li.dataset.sev = v[1];
      li.appendChild(el("span", "pos", v[2] + ":" + v[3]));
      var a = el("a", "code", v[0]);
      a.href = ruleHref(v[0]);
      li.appendChild(a);
      li.appendChild(el("span", "name", (rules[v[0]] || {}).name || ""));
      li.appendChild(el("span", "msg", v[6]));
      li.addEventListener("click", function (ev) {
        if (ev.target.tagName === "A") return;
        flash(container, i);
      });
      list.appendChild(li);
    });
    if (!file.v.length) list.appendChild(el("li", "", "No violations."));
    container.appendChild(left);
    container.appendChild(list);
    container.addEventListener("mouseover", function (ev) {
      var m = ev.target.closest ? ev.target.closest("mark.hl") : null;
      container.querySelectorAll("ol.vlist li.active").forEach(function (x) { x.classList.remove("active"); });
      if (m) {
        var li = list.querySelector('li[data-v="' + m.dataset.v + '"]');
        if (li) li.classList.add("active");
      }
    });
  }

  /* Dim the marks and hide the list items that `visible(code, severity)` rejects. */
  function applyFilter(container, visible) {
    container.querySelectorAll("mark.hl").forEach(function (m) {
      m.classList.toggle("off", !visible(m.dataset.code, m.dataset.sev));
    });
    container.querySelectorAll("ol.vlist li[data-v]").forEach(function (li) {
      li.hidden = !visible(li.dataset.code, li.dataset.sev);
    });
  }

  return { el: el, renderArticle: renderArticle, applyFilter: applyFilter };
})();
