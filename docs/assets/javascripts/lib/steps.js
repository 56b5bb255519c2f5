// Step lists as the build marked them (hipmd/steps.py): each tab's block
// carries data-hip-tab, its list is ol.hip-steps, and each step's own words
// sit in .hip-step. Scripts read steps here, never by walking the page.

/**
 * @typedef {object} StepList
 * @property {string} label the tab's label
 * @property {HTMLElement} block the tab's content
 * @property {Element[]} items the steps (li)
 * @property {string[]} texts each step's own words
 */

/**
 * The tab set's step lists.
 * @param {Element} tabSet
 * @returns {StepList[]}
 */
export function stepLists(tabSet) {
  return [...tabSet.querySelectorAll(":scope > .tabbed-content > [data-hip-tab]")].flatMap((block) => {
    const list = block.querySelector(":scope > ol.hip-steps");
    if (!list) return [];
    const items = [...list.children];
    const texts = items.map((li) => (li.querySelector(".hip-step") || li).textContent.replace(/\s+/g, " ").trim());
    return [{ label: block.dataset.hipTab, block, items, texts }];
  });
}

/**
 * The list in the tab that is showing, or the first list if that tab has none.
 * @param {Element} tabSet
 * @returns {StepList | null}
 */
export function showingList(tabSet) {
  const lists = stepLists(tabSet);
  const blocks = [...tabSet.querySelectorAll(":scope > .tabbed-content > [data-hip-tab]")];
  /** @type {NodeListOf<HTMLInputElement>} */
  const inputs = tabSet.querySelectorAll(":scope > input");
  const showing = blocks[[...inputs].findIndex((input) => input.checked)];
  return lists.find((list) => list.block === showing) || lists[0] || null;
}
