// Shortest chain of supplies between two firms, following links in either direction (at most 8 hops):
// the firms in path order and the supplier→buyer pairs it uses (their values come from network/links-among).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (a:Firm {id: $from, gen: meta.generation}), (b:Firm {id: $to, gen: meta.generation})
MATCH p = shortestPath((a)-[:SUPPLIES*..8]-(b))
RETURN [n IN nodes(p) | n.id] AS ids,
       [r IN relationships(p) | {supplier: startNode(r).id, buyer: endNode(r).id}] AS pairs
