// What a Node.js producer does before it writes to stakestream: register the value schema the
// way @kafkajs/confluent-schema-registry does (GET /config/{subject}, then POST the version, then
// PUT the subject's level on a first registration), then encode a record in the Confluent wire
// format. Prints {"id", "again", "latest", "encodedHex"} as JSON for KafkajsRegistryIT.
//   node register-and-encode.mjs REGISTRY_URL AVSC_FILE SUBJECT RECORD_JSON
import { readFileSync } from "node:fs";
import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";

const [url, avscFile, subject, recordJson] = process.argv.slice(2);
const registry = new SchemaRegistry({ host: url });
const schema = { type: SchemaType.AVRO, schema: readFileSync(avscFile, "utf8") };

const { id } = await registry.register(schema, { subject });
const again = await registry.register(schema, { subject }); // the level is set now: the other path
const latest = await registry.getLatestSchemaId(subject);
const encoded = await registry.encode(id, JSON.parse(recordJson));
console.log(JSON.stringify({ id, again: again.id, latest, encodedHex: encoded.toString("hex") }));
