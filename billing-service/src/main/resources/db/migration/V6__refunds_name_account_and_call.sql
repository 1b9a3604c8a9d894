-- A refund used to name only a request id, which the client chose: anyone who knew (or reused) another call's id
-- could have its holds refunded. Refunds now name the account and the gateway's own call id, and only recent
-- holds (billing.refund_call, R__refund_call.sql); the function that trusted a bare request id goes.

DROP FUNCTION refund_request(text, text);
