// Review page: send accept/reject judgements to the API with the reviewer's token.
(function () {
  "use strict";
  var tokenInput = document.getElementById("token");
  var reviewer = document.getElementById("reviewer");
  var status = document.getElementById("review-status");
  try {
    tokenInput.value = sessionStorage.getItem("jaanch-token") || "";
    reviewer.value = sessionStorage.getItem("jaanch-reviewer") || "";
  } catch (e) { /* storage may be disabled */ }

  function say(text, ok) {
    status.textContent = text;
    status.className = "status " + (ok ? "ok" : "err");
  }

  function judge(btn) {
    var body = { target: btn.dataset.target, verdict: btn.dataset.verdict };
    if (body.target === "fact") { body.fact = btn.dataset.fact; }
    else { body.a = btn.dataset.a; body.b = btn.dataset.b; }
    if (reviewer.value) { body.reviewer = reviewer.value; }
    var headers = { "Content-Type": "application/json" };
    var token = tokenInput.value.trim();
    if (token) { headers["Authorization"] = "Bearer " + token; }
    try {
      sessionStorage.setItem("jaanch-token", token);
      sessionStorage.setItem("jaanch-reviewer", reviewer.value);
    } catch (e) { /* ignore */ }
    btn.disabled = true;
    fetch("/api/judgements", { method: "POST", headers: headers, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) { return [r, j]; });
      })
      .then(function (rj) {
        var r = rj[0], j = rj[1];
        btn.disabled = false;
        if (!r.ok) {
          var why = typeof j.detail === "string" ? j.detail : (j.error || r.statusText);
          say("Refused (" + r.status + "): " + why, false);
          return;
        }
        var row = btn.closest("tr");
        if (body.target === "fact" && row) {
          row.classList.remove("accept", "reject");
          row.classList.add(body.verdict);
          var cell = row.querySelector(".verdict");
          if (cell) {
            cell.textContent = "";
            var b = document.createElement("span");
            b.className = "badge " + body.verdict;
            b.textContent = body.verdict + "ed";
            cell.appendChild(b);
          }
          say("Saved: " + body.verdict + " (judgement " + j.judgement + ")", true);
        } else {
          if (row) { row.remove(); }
          say(body.verdict === "accept" ? "Merged into " + j.entity : "Kept apart (judgement " + j.judgement + ")", true);
        }
      })
      .catch(function (e) { btn.disabled = false; say("Failed: " + e, false); });
  }

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button.judge");
    if (btn) { ev.preventDefault(); judge(btn); }
  });
})();
