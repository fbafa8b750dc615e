// Shortest chain of supplies between two firms, following links in either direction (at most 8 hops).
MATCH (a:Firm {id: $from}), (b:Firm {id: $to})
MATCH p = shortestPath((a)-[:SUPPLIES*..8]-(b))
RETURN [n IN nodes(p) | n.id] AS ids,
       [r IN relationships(p) | {supplier: startNode(r).id, buyer: endNode(r).id, yearKey: r.yearKey, value: r.value}] AS links
