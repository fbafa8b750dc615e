// The properties of firm summaries ($keys: the summary fields and the metric ids, from the code), as one
// list a firm: ego networks ask for hundreds of firms, and whole property maps (history, search text)
// were most of the bytes.
MATCH (meta:Meta {key: 'dataVersion'})
UNWIND $ids AS id
MATCH (f:Firm {id: id, gen: meta.generation})
RETURN [k IN $keys | f[k]] AS values
