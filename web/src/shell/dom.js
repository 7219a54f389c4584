// Small DOM helpers: the console uses no UI framework, just these and plain ES modules.
//   h('button', {class: 'primary', dataTest: 'save', onclick: fn}, 'Save')
// attrs: class, style (string or object), dataTest (-> data-test), on<event> (listener),
// any other key is set as an attribute (true -> empty attribute, false/null/undefined -> left out).
// children: strings, numbers, Nodes, arrays of those; null/undefined/false are skipped.
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'style' && typeof value === 'object') Object.assign(element.style, value);
    else if (key === 'dataTest') element.setAttribute('data-test', value);
    else if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'value' && 'value' in element) element.value = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
  return element;
}
