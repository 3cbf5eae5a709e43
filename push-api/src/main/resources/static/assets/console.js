// The console's few behaviours, without inline scripts (the pages' Content-Security-Policy forbids them):
// modal dialogs (native <dialog>: focus stays inside, Esc cancels), the copy button, and the Operations chart.
(function () {
  'use strict';

  function openDialogsIn(root) {
    root.querySelectorAll('dialog[data-open-on-load]').forEach(function (dialog) {
      if (!dialog.open) {
        dialog.showModal();
      }
    });
  }

  document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-open-dialog]');
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute('data-open-dialog'));
      if (dialog) {
        dialog.showModal();
      }
      return;
    }
    var closer = event.target.closest('[data-close-dialog]');
    if (closer) {
      closer.closest('dialog').close();
      return;
    }
    var copy = event.target.closest('[data-copy]');
    if (copy) {
      var source = document.getElementById(copy.getAttribute('data-copy'));
      var status = copy.parentElement.querySelector('.copied');
      var done = function (text) { if (status) { status.textContent = text; } };
      if (navigator.clipboard && source) {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () { done('Copied'); },
          function () { done('Select the number and copy it'); });
      } else {
        done('Select the number and copy it');
      }
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    openDialogsIn(document);
    startLagChart();
  });
  document.addEventListener('htmx:afterSwap', function (event) {
    openDialogsIn(event.target);
  });

  // Operations: one line per consumer group, a point every 2 s, the last 5 minutes kept.
  function startLagChart() {
    var element = document.getElementById('lag-chart');
    if (!element || typeof uPlot === 'undefined') {
      return;
    }
    var groups = [];
    var data = [[]];
    var chart = null;
    var colours = ['#1d4ed8', '#b45309', '#047857', '#7c3aed'];
    function build() {
      var series = [{}].concat(groups.map(function (group, i) {
        return { label: group, stroke: colours[i % colours.length], width: 2 };
      }));
      if (chart) {
        chart.destroy();
      }
      chart = new uPlot({ width: Math.max(280, element.clientWidth), height: 240, series: series,
        axes: [{}, { label: 'records' }] }, data, element);
    }
    function poll() {
      fetch(element.getAttribute('data-source'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (points) {
          if (!points.length) {
            return;
          }
          var rebuild = false;
          points.forEach(function (point) {
            if (groups.indexOf(point.group) < 0) {
              groups.push(point.group);
              data.push(data[0].map(function () { return null; }));
              rebuild = true;
            }
          });
          data[0].push(points[0].at);
          groups.forEach(function (group, i) {
            var point = points.find(function (p) { return p.group === group; });
            data[i + 1].push(point ? point.records : null);
          });
          if (data[0].length > 150) {
            data = data.map(function (values) { return values.slice(-150); });
          }
          element.setAttribute('data-points', String(data[0].length));
          if (rebuild || !chart) {
            build();
          } else {
            chart.setData(data);
          }
        })
        .catch(function () { /* the next poll tries again */ });
    }
    poll();
    setInterval(poll, 2000);
  }
}());
