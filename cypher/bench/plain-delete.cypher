// Benchmark baseline only: removes a batch of the plain firms (and their links) once they are timed, so
// that the offline replace after them swaps a store without a million baseline links to copy.
MATCH (f:PlainFirm)
WITH f LIMIT toInteger($batch)
DETACH DELETE f
RETURN count(*) AS deleted
