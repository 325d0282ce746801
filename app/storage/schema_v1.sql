-- teeter schema version 1. Frozen: a later version changes tables in a migration step,
-- never here (app/storage/schema.py).
CREATE TABLE checkin (
	id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	notice VARCHAR NOT NULL, 
	track VARCHAR NOT NULL, 
	space VARCHAR NOT NULL, 
	reframe VARCHAR NOT NULL, 
	started_at DATETIME NOT NULL, 
	completed_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (day)
);
CREATE TABLE experiment (
	id INTEGER NOT NULL, 
	first_day DATE NOT NULL, 
	days INTEGER NOT NULL, 
	state VARCHAR NOT NULL, 
	started_at DATETIME NOT NULL, 
	ended_at DATETIME, 
	summary VARCHAR, 
	PRIMARY KEY (id)
);
CREATE TABLE setting (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE stimulus (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	name_key VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	archived BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name_key)
);
CREATE TABLE experiment_stimulus (
	experiment_id INTEGER NOT NULL, 
	stimulus_id INTEGER NOT NULL, 
	PRIMARY KEY (experiment_id, stimulus_id), 
	FOREIGN KEY(experiment_id) REFERENCES experiment (id) ON DELETE CASCADE, 
	FOREIGN KEY(stimulus_id) REFERENCES stimulus (id) ON DELETE CASCADE
);
CREATE INDEX ix_experiment_stimulus_stimulus_id ON experiment_stimulus (stimulus_id);
CREATE TABLE exposure (
	id INTEGER NOT NULL, 
	stimulus_id INTEGER NOT NULL, 
	occurred_at DATETIME NOT NULL, 
	enjoyment INTEGER NOT NULL, 
	craving INTEGER NOT NULL, 
	note VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_enjoyment_rating CHECK (enjoyment BETWEEN 1 AND 10), 
	CONSTRAINT ck_craving_rating CHECK (craving BETWEEN 1 AND 10), 
	FOREIGN KEY(stimulus_id) REFERENCES stimulus (id) ON DELETE CASCADE
);
CREATE INDEX ix_exposure_occurred_at ON exposure (occurred_at);
CREATE INDEX ix_exposure_stimulus_time ON exposure (stimulus_id, occurred_at);
CREATE TABLE reframe (
	id INTEGER NOT NULL, 
	occurred_at DATETIME NOT NULL, 
	stimulus_id INTEGER, 
	label VARCHAR NOT NULL, 
	craving_before INTEGER NOT NULL, 
	craving_after INTEGER, 
	surf_minutes INTEGER, 
	outcome VARCHAR, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_craving_before_rating CHECK (craving_before BETWEEN 1 AND 10), 
	CONSTRAINT ck_after_rating CHECK (craving_after IS NULL OR craving_after BETWEEN 1 AND 10), 
	FOREIGN KEY(stimulus_id) REFERENCES stimulus (id) ON DELETE CASCADE
);
CREATE INDEX ix_reframe_occurred_at ON reframe (occurred_at);
CREATE INDEX ix_reframe_stimulus_id ON reframe (stimulus_id);
CREATE TABLE timer (
	id INTEGER NOT NULL, 
	stimulus_id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	ends_at DATETIME NOT NULL, 
	ended_at DATETIME, 
	end_reason VARCHAR, 
	urge INTEGER, 
	urge_asked BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_urge_rating CHECK (urge IS NULL OR urge BETWEEN 1 AND 10), 
	FOREIGN KEY(stimulus_id) REFERENCES stimulus (id) ON DELETE CASCADE
);
CREATE INDEX ix_timer_active ON timer (ended_at, ends_at);
CREATE INDEX ix_timer_stimulus_id ON timer (stimulus_id);
