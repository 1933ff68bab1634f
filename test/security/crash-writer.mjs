// Child process for crash.test.ts: writes contracts with their bookings, one transaction each,
// until it is killed. Same connection pragmas as electron/db/connection.ts. Prints each committed
// contract id so the parent can check that nothing committed was lost.
import Database from 'better-sqlite3-multiple-ciphers';

const [file, key] = process.argv.slice(2);
const db = new Database(file);
if (key) {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key='${key.replace(/'/g, "''")}'`);
}
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');

const insertContract = db.prepare(`INSERT INTO contracts(number, applicant_id, title, signed_date, start_date, end_date,
  amount_fen, profile_id, created_at, updated_at) VALUES (?, 1, ?, '2025-06-01', '2025-06-02', '2025-08-31', ?, 'beijing-2023', ?, ?)`);
const insertBooking = db.prepare(`INSERT INTO bookings(instrument_id, contract_id, kind, start_at, end_at, title, created_at)
  VALUES (1, ?, 'contract', ?, ?, ?, ?)`);

const writeOne = db.transaction((n) => {
  const at = new Date().toISOString();
  const id = Number(insertContract.run(`HT-${process.pid}-${n}`, '测试合同'.repeat(1 + (n % 5)), 100_000 + n, at, at).lastInsertRowid);
  const bookings = 1 + (n % 4); // every contract gets at least one booking in the same transaction
  for (let b = 0; b < bookings; b++) {
    const day = String(1 + ((n + b) % 28)).padStart(2, '0');
    insertBooking.run(id, `2025-07-${day}T09:00`, `2025-07-${day}T11:00`, 'x'.repeat(200 * (b + 1)), at);
  }
  return id;
});

db.prepare('SELECT count(*) FROM contracts').get(); // opened, WAL recovered, key checked
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  const id = writeOne(n);
  process.stdout.write(`${id}\n`);
}
