/**
 * Names no parameter, metric or key of a spec may have: `prototype` and the
 * members of Object.prototype. Parameters and metrics become keys of plain
 * objects, where `__proto__` sets the prototype instead of a value (it was
 * dropped from every trial) and `constructor` or `toString` are already
 * "there" before anything is set.
 */
export const RESERVED_NAMES: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
];

const reserved = new Set(RESERVED_NAMES);

export function isReservedName(name: string): boolean {
  return reserved.has(name);
}

/** The message for a reserved name, naming the rule. */
export const RESERVED_NAME_RULE = 'is a reserved name (__proto__, constructor, prototype and the other members of Object.prototype cannot name a parameter, a metric or a key)';
