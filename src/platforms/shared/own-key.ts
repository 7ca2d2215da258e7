// Own-property test for the hot for…in loops of the list parsers (slot tables, result builder, service tags, Taobao).

/** Object.hasOwn(o, k) as a call of the prototype method: V8 folds it into a for…in over `o` whose key `k` is, where
 * Object.hasOwn is a call per key (about half the time of such a loop). A helper function, not a module-level alias
 * of the method: bundlers make such an alias a `var`, which V8 does not fold. */
export const ownKey = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
