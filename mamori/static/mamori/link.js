// A link in a mail carries its token after "#": browsers never send that part, so it stays out of the
// access logs and the Referer. This script posts it; without JavaScript the reader pastes it in the form.
(function () {
  var form = document.getElementById("link-form");
  var token = decodeURIComponent(location.hash.slice(1));
  if (!form || !token) return;
  form.elements.token.value = token;
  history.replaceState(null, "", location.pathname + location.search);
  form.hidden = true;
  form.submit();
})();
