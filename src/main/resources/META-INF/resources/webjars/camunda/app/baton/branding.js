// Baton's name in the browser tab of every Camunda webapp: the pages' static titles say
// "Camunda ...", the apps' own names come from their config.js. Loaded as a custom script.
function rename() {
  if (document.title.indexOf('Camunda') !== -1) {
    document.title = document.title.replace(/Camunda/g, 'Baton');
  }
}

rename();
const title = document.querySelector('title');
if (title && window.MutationObserver) {
  new MutationObserver(rename).observe(title, {childList: true, characterData: true,
    subtree: true});
}

export default [];
