-- A quote (报价单) is adopted by a Beijing contract (its amount) or a Shanghai order (its total,
-- while placed or accepted): quotes.order_id next to quotes.contract_id, at most one of them set,
-- and orders.quote_id like contracts.quote_id.
ALTER TABLE quotes ADD COLUMN order_id INTEGER REFERENCES orders(id) CHECK (order_id IS NULL OR contract_id IS NULL);
CREATE INDEX quotes_order ON quotes(order_id) WHERE order_id IS NOT NULL;
ALTER TABLE orders ADD COLUMN quote_id INTEGER REFERENCES quotes(id);
