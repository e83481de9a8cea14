// Building DOM from data. Text always enters the page as text nodes: nothing here parses HTML,
// so a message body such as "<img onerror=…>" is shown exactly as the customer typed it.

export function $(id) {
  return document.getElementById(id);
}

/** h("span", {class: "badge", "data-testid": "x"}, "text", childNode) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) throw new Error(`h(): bind ${name} with addEventListener`);
    element.setAttribute(name, value === true ? "" : String(value));
  }
  return fill(element, ...children);
}

/** Replace an element's children, taking the same children as h(): nested lists, text, nothing. */
export function fill(element, ...children) {
  const nodes = [];
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    nodes.push(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  element.replaceChildren(...nodes);
  return element;
}

export function setText(element, text) {
  element.textContent = text ?? "";
}

export function show(element, visible) {
  element.hidden = !visible;
}

export function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Replace a select's options, keeping the chosen value when it is still offered. */
export function setOptions(select, options, value = select.value) {
  select.replaceChildren(
    ...options.map(([optionValue, label, disabled]) => h("option", { value: optionValue, disabled }, label)),
  );
  select.value = value;
}
