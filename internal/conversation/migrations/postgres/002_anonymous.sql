-- Someone who takes part anonymously (an anonymous supporter of a pledge):
-- the others see no name.
ALTER TABLE conversation_participants ADD COLUMN anonymous BOOLEAN NOT NULL DEFAULT FALSE;
