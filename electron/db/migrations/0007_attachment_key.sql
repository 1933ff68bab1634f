-- Each database gets its own random key that seals attachment files (see sealed-file.ts).
INSERT OR IGNORE INTO settings(key, value) VALUES ('attachments.dataKey', lower(hex(randomblob(32))));
