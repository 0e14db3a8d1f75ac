// The list page's two enhancements; without JavaScript the page works as a plain form.
// 1. On a wide screen the filters are always open (CSS does it where ::details-content is
//    supported; this covers older browsers).
// 2. The countries' multi-select becomes a searchable chip picker that keeps the select,
//    hidden, as the field the form posts: the same `country` parameters either way.
(function () {
  "use strict";

  function openFiltersOnWideScreens() {
    var filters = document.getElementById("filters");
    if (filters && window.matchMedia("(min-width: 50.01rem)").matches) {
      filters.open = true;
    }
  }

  function chipPicker(select) {
    var wrapper = document.createElement("div");
    wrapper.className = "chip-picker";
    var chips = document.createElement("ul");
    chips.className = "chip-list";
    chips.setAttribute("aria-label", select.dataset.chipsLabel || "Chosen countries");
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "_search";
    input.setAttribute("list", select.id + "_names");
    input.setAttribute("autocomplete", "off");
    input.placeholder = select.dataset.placeholder || "Type a country's name or code";
    var names = document.createElement("datalist");
    names.id = select.id + "_names";

    var options = Array.prototype.slice.call(select.options);
    options.forEach(function (option) {
      var suggestion = document.createElement("option");
      suggestion.value = option.text;
      suggestion.label = option.value;
      names.appendChild(suggestion);
    });

    function find(text) {
      var wanted = text.trim().toLowerCase();
      if (!wanted) return null;
      return options.find(function (option) {
        return option.text.toLowerCase() === wanted || option.value.toLowerCase() === wanted;
      }) || null;
    }

    function render() {
      chips.textContent = "";
      options.filter(function (o) { return o.selected; }).forEach(function (option) {
        var item = document.createElement("li");
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip-remove";
        remove.textContent = option.text + " ×";
        remove.setAttribute("aria-label", (select.dataset.removeLabel || "Remove") + " " + option.text);
        remove.addEventListener("click", function () {
          option.selected = false;
          render();
          input.focus();
        });
        item.appendChild(remove);
        chips.appendChild(item);
      });
    }

    function pick() {
      var option = find(input.value);
      if (option) {
        option.selected = true;
        input.value = "";
        render();
      }
    }

    input.addEventListener("change", pick);
    input.addEventListener("input", function () {
      // Choosing from the suggestions fires "input" with the full name.
      if (find(input.value)) pick();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && input.value.trim()) {
        event.preventDefault();
        pick();
      }
    });

    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label) label.htmlFor = input.id;
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    wrapper.appendChild(chips);
    wrapper.appendChild(input);
    wrapper.appendChild(names);
    select.parentNode.insertBefore(wrapper, select);
    render();
  }

  document.addEventListener("DOMContentLoaded", function () {
    openFiltersOnWideScreens();
    document.querySelectorAll("select[data-chip-picker]").forEach(chipPicker);
  });
})();
