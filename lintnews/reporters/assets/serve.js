/* lintnews serve: send the article to /api/check and draw the answer with lintnews.renderArticle. */
(function () {
  var settings = JSON.parse(document.getElementById("serve-settings").textContent);
  var area = document.getElementById("article");
  var format = document.getElementById("format");
  var button = document.getElementById("check");
  var live = document.getElementById("live");
  var drop = document.getElementById("drop");
  var fileInput = document.getElementById("file");
  var message = document.getElementById("message");
  var scores = document.getElementById("scores");
  var result = document.getElementById("result");
  var el = lintnews.el;
  var seq = 0;

  function say(text, isError) {
    message.textContent = text;
    message.className = isError ? "error" : "muted";
  }

  function formatFor(name) {
    var lower = name.toLowerCase();
    var best = null;
    Object.keys(settings.formats).forEach(function (fmt) {
      settings.formats[fmt].forEach(function (ext) {
        if (lower.endsWith(ext) && (!best || ext.length > best.ext.length)) best = { fmt: fmt, ext: ext };
      });
    });
    return best ? best.fmt : "text";
  }

  function score(label, value, limit, badAbove) {
    var box = el("div", "score");
    if (typeof value !== "number") {
      box.appendChild(el("span", "num", "–"));
    } else {
      box.appendChild(el("span", "num", value.toFixed(1)));
      if (typeof limit === "number") {
        box.classList.add((badAbove ? value > limit : value < limit) ? "bad" : "good");
        label += (badAbove ? " (max " : " (min ") + limit + ")";
      }
    }
    box.appendChild(el("span", "label", label));
    return box;
  }

  function show(data) {
    var r = (data.metrics && data.metrics.readability) || {};
    var t = data.thresholds || {};
    scores.textContent = "";
    scores.appendChild(score("grade level", r.flesch_kincaid_grade, t.max_grade, true));
    scores.appendChild(score("reading ease", r.flesch_reading_ease, t.min_reading_ease, false));
    var words = el("div", "score");
    words.appendChild(el("span", "num", String(r.words || 0)));
    words.appendChild(el("span", "label", "words in " + (r.sentences || 0) + " sentences"));
    scores.appendChild(words);
    lintnews.renderArticle(result, data.file, data.rules, function (code) { return "/rules/" + code; });
    result.querySelectorAll("ol.vlist a").forEach(function (a) { a.target = "_blank"; a.rel = "noopener"; });
    var counts = {};
    data.violations.forEach(function (v) { counts[v.severity] = (counts[v.severity] || 0) + 1; });
    var parts = ["error", "warning", "info"].filter(function (k) { return counts[k]; })
      .map(function (k) { return counts[k] + " " + k + (counts[k] === 1 ? "" : "s"); });
    var text = data.violations.length
      ? data.violations.length + " violation" + (data.violations.length === 1 ? "" : "s") + ": " + parts.join(", ")
      : "No violations.";
    var problems = data.errors.map(function (e) { return e.message; }).concat(data.notes || []);
    if (problems.length) text = problems.join(" · ") + " — " + text;
    say(text, data.errors.length > 0);
  }

  function send(payload) {
    var mine = ++seq;
    say("Checking…", false);
    var body = JSON.stringify(payload);
    fetch("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: body })
      .then(function (resp) {
        return resp.text().then(function (txt) {
          var data = null;
          try { data = JSON.parse(txt); } catch (e) { data = null; }
          return { ok: resp.ok, status: resp.status, data: data };
        });
      })
      .then(function (ans) {
        if (mine !== seq) return;
        if (!ans.ok) {
          var why = ans.data && ans.data.error ? ans.data.error : "the server answered " + ans.status;
          say("Error " + ans.status + ": " + why, true);
          return;
        }
        if (typeof payload.data === "string" && typeof ans.data.text === "string") area.value = ans.data.text;
        show(ans.data);
      })
      .catch(function (err) {
        if (mine === seq) say("Could not reach lintnews serve: " + err, true);
      });
  }

  function check() { send({ text: area.value, format: format.value }); }

  function readFile(file) {
    format.value = formatFor(file.name);
    var reader = new FileReader();
    reader.onload = function () {
      var bytes = new Uint8Array(reader.result);
      try {
        area.value = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        send({ text: area.value, format: format.value, filename: file.name });
      } catch (e) {
        /* not UTF-8: the server decodes it as the CLI would, or explains why it cannot */
        var bin = "";
        for (var i = 0; i < bytes.length; i += 0x8000) {
          bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        }
        send({ data: btoa(bin), format: format.value, filename: file.name });
      }
    };
    reader.onerror = function () { say("Could not read " + file.name, true); };
    reader.readAsArrayBuffer(file);
  }

  button.addEventListener("click", check);
  area.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); check(); }
  });
  var timer = null;
  area.addEventListener("input", function () {
    if (!live.checked) return;
    clearTimeout(timer);
    timer = setTimeout(check, 600);
  });
  format.addEventListener("change", function () { if (area.value) check(); });
  fileInput.addEventListener("change", function () { if (fileInput.files[0]) readFile(fileInput.files[0]); });
  ["dragenter", "dragover"].forEach(function (name) {
    [drop, area].forEach(function (target) {
      target.addEventListener(name, function (ev) { ev.preventDefault(); drop.classList.add("over"); });
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    [drop, area].forEach(function (target) {
      target.addEventListener(name, function () { drop.classList.remove("over"); });
    });
  });
  [drop, area].forEach(function (target) {
    target.addEventListener("drop", function (ev) {
      ev.preventDefault();
      var f = ev.dataTransfer && ev.dataTransfer.files[0];
      if (f) readFile(f);
    });
  });
})();
