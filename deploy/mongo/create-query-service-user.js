// The query service's own user: it reads and writes its read models in the database
// "participation" and nothing else (no administration, no other database). Run by the mongo image
// once, when it initialises an empty data directory (MONGO_INITDB_DATABASE is "participation").
db.getSiblingDB('participation').createUser({
  user: 'query-service',
  pwd: process.env.MONGO_QUERY_PASSWORD,
  roles: [{ role: 'readWrite', db: 'participation' }]
});
