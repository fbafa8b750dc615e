// No query finds supplies by `year` (year filters use `yearKey`, after expanding from a firm); populating this
// index cost every offline replace a scan of all its links (docs/SCALING.md, "Offline importer").
DROP INDEX supplies_year IF EXISTS
