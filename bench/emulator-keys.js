// Benchmarks only (node --require bench/emulator-keys.js …azurite…; bench/run.sh uses it for the side-by-side run and
// for big teams): the storage emulator finds an entity by (PartitionKey, RowKey) by scanning its partition, and answers
// every page of a query by testing and sorting every entity of the table, so a team of 100,000 deals (about a million
// rows in one partition) would take hours to write and to read, and a bot that keeps more rows in a partition pays for
// each lookup in proportion. The service looks keys and key ranges up in an index. This gives the emulator's
// collections a key map and, per partition, the row keys in order; what is stored and returned does not change.
"use strict";
const Loki = require("lokijs");

// The emulator keeps sorted indexes of PartitionKey and RowKey, which every insert and update shifts (a million-row
// partition: a millisecond each); the key map and ordered keys below answer what they would.
const addCollection = Loki.prototype.addCollection;
Loki.prototype.addCollection = function (name, options) {
  if (options && Array.isArray(options.indices)) {
    options = { ...options, indices: options.indices.filter((i) => i !== "PartitionKey" && i !== "RowKey") };
  }
  return addCollection.call(this, name, options);
};

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
    collection.__parts = new Map();
    for (const doc of collection.data) {
      if (typeof doc.PartitionKey === "string") {
        collection.__keys.set(keyOf(doc.PartitionKey, doc.RowKey), doc);
        partition(collection, doc.PartitionKey).added.push(doc.RowKey);
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
      const key = keyOf(doc.PartitionKey, doc.RowKey);
      if (!collection.__keys.has(key)) {
        partition(collection, doc.PartitionKey).added.push(doc.RowKey);
      }
      collection.__keys.set(key, doc);
    }
  }
}

// Row keys of one partition: a sorted array, keys added since it was sorted, and keys removed since.
function partition(collection, pk) {
  collection.__parts = collection.__parts || new Map();
  let part = collection.__parts.get(pk);
  if (!part) {
    part = { sorted: [], added: [], removed: new Set() };
    collection.__parts.set(pk, part);
  }
  return part;
}

function sortedKeys(collection, pk) {
  keys(collection);
  const part = partition(collection, pk);
  if (part.added.length > 0 || part.removed.size > 0) {
    const added = part.added.filter((rk) => collection.__keys.has(keyOf(pk, rk))).sort();
    const kept = part.sorted.filter((rk) => collection.__keys.has(keyOf(pk, rk)));
    const merged = new Array(kept.length + added.length);
    let i = 0, j = 0, k = 0;
    while (i < kept.length || j < added.length) {
      merged[k++] = j >= added.length || (i < kept.length && kept[i] < added[j]) ? kept[i++] : added[j++];
    }
    part.sorted = merged.filter((rk, n) => n === 0 || merged[n - 1] !== rk);
    part.added = [];
    part.removed.clear();
  }
  return part.sorted;
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
          partition(this, d.PartitionKey).removed.add(d.RowKey);
        }
      }
    } else {
      this.__keys = undefined;
      this.__parts = undefined;
    }
  }
  return remove.call(this, doc);
};

proto.clear = function (options) {
  this.__keys = undefined;
  this.__parts = undefined;
  return clear.call(this, options);
};

// A query on one partition whose filter is a plain conjunction with a row key range (what SalesBot sends) walks that
// range in key order; every other query is answered as the emulator does. The emulator's own filter still decides.
const Store = require("azurite/dist/src/table/persistence/LokiTableMetadataStore").default;
const Generator = require("azurite/dist/src/table/persistence/LokiTableStoreQueryGenerator").default;
const query = Store.prototype.queryTableEntities;
const quoted = /'(?:[^']|'')*'/g;
const literal = (text) => text.slice(1, -1).replace(/''/g, "'");

function range(filter) {
  if (typeof filter !== "string" || /\b(or|not)\b/i.test(filter.replace(quoted, "''"))) {
    return undefined;
  }
  const pk = /PartitionKey\s+eq\s+('(?:[^']|'')*')/.exec(filter);
  if (!pk) {
    return undefined;
  }
  const low = /RowKey\s+(ge|gt|eq)\s+('(?:[^']|'')*')/.exec(filter);
  const high = /RowKey\s+(lt|le|eq)\s+('(?:[^']|'')*')/.exec(filter);
  return { pk: literal(pk[1]), low: low ? literal(low[2]) : "", high: high ? literal(high[2]) : undefined, inclusive: !high || high[1] !== "lt" };
}

Store.prototype.queryTableEntities = async function (context, account, table, queryOptions, nextPartitionKey, nextRowKey) {
  const collection = this.getEntityCollection(account, table, context);
  const r = range(queryOptions.filter);
  const nextPk = this.decodeContinuationHeader(nextPartitionKey);
  if (!r || collection.cloneObjects || (nextPk !== undefined && nextPk !== r.pk)) {
    return query.call(this, context, account, table, queryOptions, nextPartitionKey, nextRowKey);
  }
  const where = Generator.generateQueryForPersistenceLayer(queryOptions, context);
  const maxResults = this.getMaxResultsOption(queryOptions);
  const next = this.decodeContinuationHeader(nextRowKey);
  const from = next !== undefined && next > r.low ? next : r.low;
  const rows = sortedKeys(collection, r.pk);
  let lo = 0, hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] < from) lo = mid + 1; else hi = mid;
  }
  const result = [];
  for (let i = lo; i < rows.length && result.length <= maxResults; i++) {
    const rk = rows[i];
    if (r.high !== undefined && (r.inclusive ? rk > r.high : rk >= r.high)) {
      break;
    }
    const doc = collection.__keys.get(keyOf(r.pk, rk));
    if (doc && where(doc)) {
      result.push(doc);
    }
  }
  const response = this.adjustQueryResultforTop(result, maxResults);
  return [result, response.nextPartitionKeyResponse, response.nextRowKeyResponse];
};
