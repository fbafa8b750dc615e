// A merge's change record, written in the merge's own transaction after meta/publish-merge: the firms and
// the suppliers (whose links) it upserted, and the state it went from and to. A server patches its
// analytics snapshot with these instead of reloading it. Records of other generations, and all but the
// latest $keep, are removed.
MATCH (m:Meta {key: 'dataVersion'})
CALL (m) {
  MATCH (old:SnapshotChange)
  WHERE old.generation <> m.generation OR old.version <= m.value - $keep
  DELETE old
}
CREATE (:SnapshotChange {version: m.value, generation: m.generation, before: $before, after: toString(m.updatedAt),
                         firmIds: $firmIds, supplierIds: $supplierIds})
