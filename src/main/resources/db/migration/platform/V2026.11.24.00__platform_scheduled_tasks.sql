-- The table of the database-backed job scheduler (db-scheduler): every node polls it, and a task instance
-- runs on one node at a time. Recurring jobs (reminders, retention, time triggers) are rows here.
create table scheduled_tasks (
    task_name varchar(100) not null,
    task_instance varchar(200) not null,
    task_data bytea,
    execution_time timestamp with time zone not null,
    picked boolean not null,
    picked_by varchar(50),
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat timestamp with time zone,
    version bigint not null,
    priority smallint,
    primary key (task_name, task_instance)
);

create index scheduled_tasks_execution_time_ix on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_ix on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_ix on scheduled_tasks (priority, execution_time);
