// Copy one report item to the clipboard (buttons stay hidden without JavaScript; the text can be selected).
document.querySelectorAll("button.copy[data-copy-target]").forEach(function (button) {
  var source = document.getElementById(button.dataset.copyTarget);
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  var label = button.textContent;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.value).then(function () {
      button.textContent = "✓ " + label;
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });
});
