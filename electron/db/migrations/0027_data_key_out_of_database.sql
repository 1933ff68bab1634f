-- The attachment data key leaves the database: it now lives wrapped in keyring.json (see
-- electron/security/keyring.ts). The desk copies the old key into the keyring as the retiring key
-- before this migration runs, and the reseal job moves every sealed file to a new key.
-- secure_delete is on for every connection, so the deleted value is overwritten in the file.
DELETE FROM settings WHERE key = 'attachments.dataKey';
