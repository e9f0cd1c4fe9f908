// Benchmarks only (node --require bench/emulator-keys.js …azurite…): the storage emulator finds an entity by
// (PartitionKey, RowKey) by scanning its partition, so a team of 100,000 deals (about a million rows in one partition)
// would take hours to write. The service looks keys up in an index. This gives the emulator's collections a key map;
// what is stored and returned does not change.
"use strict";
const Loki = require("lokijs");

const proto = Loki.Collection.prototype;
const findOne = proto.findOne;
const insert = proto.insert;
const remove = proto.remove;
const update = proto.update;
const clear = proto.clear;

const keyOf = (pk, rk) => pk + "\u0000" + rk;
const isKeyQuery = (q) => q && typeof q.PartitionKey === "string" && typeof q.RowKey === "string" && Object.keys(q).length === 2;

function keys(collection) {
  if (!collection.__keys) {
    collection.__keys = new Map();
    for (const doc of collection.data) {
      if (typeof doc.PartitionKey === "string") {
        collection.__keys.set(keyOf(doc.PartitionKey, doc.RowKey), doc);
      }
    }
  }
  return collection.__keys;
}

function track(collection, docs) {
  if (!collection.__keys) {
    return;
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc && typeof doc.PartitionKey === "string") {
      collection.__keys.set(keyOf(doc.PartitionKey, doc.RowKey), doc);
    }
  }
}

proto.findOne = function (query) {
  if (!isKeyQuery(query) || this.cloneObjects) {
    return findOne.call(this, query);
  }
  return keys(this).get(keyOf(query.PartitionKey, query.RowKey)) || null;
};

proto.insert = function (docs) {
  const result = insert.call(this, docs);
  track(this, result);
  return result;
};

proto.update = function (docs) {
  const result = update.call(this, docs);
  track(this, docs);
  return result;
};

proto.remove = function (doc) {
  if (this.__keys) {
    const docs = Array.isArray(doc) ? doc : [doc];
    if (docs.every((d) => d && typeof d === "object")) {
      for (const d of docs) {
        if (typeof d.PartitionKey === "string" && this.__keys.get(keyOf(d.PartitionKey, d.RowKey)) === d) {
          this.__keys.delete(keyOf(d.PartitionKey, d.RowKey));
        }
      }
    } else {
      this.__keys = undefined;
    }
  }
  return remove.call(this, doc);
};

proto.clear = function (options) {
  this.__keys = undefined;
  return clear.call(this, options);
};
