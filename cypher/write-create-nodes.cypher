// The write path: create one batch of nodes that validation found not to exist yet. $labels is a list
// of labels from common/model.ts only (a NODE_LABELS entry, `Entity`, and
// PERSON_EXTRA_LABELS), checked against that allow-list before it is sent, never input; given as
// a parameter, so that one statement (one query plan) serves every label.
// Each row: {id, create} (create = all properties).
// Returns the new nodes' internal ids (keyed by id), so that relationships between nodes of this
// write find their endpoints by id instead of by an index seek (write-create-rels).
UNWIND $rows AS row
CREATE (n:$($labels))
SET n += row
RETURN count(*) AS created, collect(row.id) AS keys, collect(id(n)) AS nodeIds
