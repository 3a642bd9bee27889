// Progressive enhancement only: every page works without this script.
(() => {
  // Undo asks once more: the reason is required by the form, the confirmation by habit.
  for (const form of document.querySelectorAll('form.undo')) {
    form.addEventListener('submit', (event) => {
      if (form.dataset.confirmed === 'yes') return;
      if (!window.confirm('Undo this action?')) event.preventDefault();
    });
  }
  const source = document.getElementById('health-data');
  if (!source || typeof window.uPlot !== 'function') return;
  const samples = JSON.parse(source.textContent || '[]');
  const xs = samples.map((sample) => sample.at / 1000);
  const width = (id) => Math.max(320, document.getElementById(id).clientWidth - 10);
  new window.uPlot(
    {
      width: width('budget-chart'),
      height: 240,
      scales: { budget: { range: [-1, 1] }, level: { range: [0, 2] } },
      axes: [{}, { scale: 'budget' }, { scale: 'level', side: 1, grid: { show: false } }],
      series: [
        {},
        { label: 'error budget left', scale: 'budget', stroke: '#2b6cb0', width: 2 },
        {
          label: 'autonomy',
          scale: 'level',
          stroke: '#c05621',
          width: 2,
          paths: window.uPlot.paths.stepped({ align: 1 }),
        },
      ],
    },
    [xs, samples.map((sample) => sample.budgetRemaining), samples.map((sample) => sample.autonomy)],
    document.getElementById('budget-chart'),
  );
  const share = (sample, key) => {
    const total = sample.autonomous + sample.escalated;
    return total === 0 ? null : sample[key] / total;
  };
  new window.uPlot(
    {
      width: width('routing-chart'),
      height: 240,
      scales: { y: { range: [0, 1] } },
      series: [
        {},
        { label: 'autonomous', stroke: '#2f855a', width: 2 },
        { label: 'escalated', stroke: '#b7791f', width: 2 },
      ],
    },
    [
      xs,
      samples.map((sample) => share(sample, 'autonomous')),
      samples.map((sample) => share(sample, 'escalated')),
    ],
    document.getElementById('routing-chart'),
  );
})();
