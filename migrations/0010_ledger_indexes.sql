DROP INDEX "ledger_transfers_seq_idx";--> statement-breakpoint
DROP INDEX "ledger_transfers_reference_idx";