// The forecast chart: weighted open amounts and won amounts per month, from the numbers of the table beside it.
window.addEventListener('load', () => {
  if (typeof Chart === 'undefined') {
    return;
  }
  document.querySelectorAll('canvas.forecast-canvas').forEach((canvas) => {
    const numbers = (name) => canvas.dataset[name].split('|').map(Number);
    // Bars that grow into place are motion some people asked their system to avoid.
    const options = { responsive: true, locale: document.documentElement.lang || undefined };
    if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      options.animation = false;
    }
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: canvas.dataset.labels.split('|'),
        datasets: [
          { label: canvas.dataset.weightedLabel, data: numbers('weighted'), backgroundColor: '#1f5fbf' },
          { label: canvas.dataset.wonLabel, data: numbers('won'), backgroundColor: '#1e5631' }
        ]
      },
      options: options
    });
  });
});
