// Demo site script: the pricing page's sign-up buttons send a custom event with the plan as a prop.
for (const button of document.querySelectorAll('button[data-plan]'))
  button.addEventListener('click', () => window.footfall('signup', { plan: button.dataset.plan }));
