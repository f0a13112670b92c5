/** @module The records of CloudWatch Logs: log groups, their streams and the events in them. */

export interface LogGroupRecord {
  readonly name: string;
  /** ms since the epoch. */
  readonly creationTime: number;
  /** Bytes of event messages stored in the group. */
  readonly storedBytes: number;
}

export interface LogStreamRecord {
  readonly groupName: string;
  readonly name: string;
  readonly creationTime: number;
  /** Undefined until the stream holds an event. */
  readonly firstEventTimestamp: number | undefined;
  readonly lastEventTimestamp: number | undefined;
  readonly lastIngestionTime: number | undefined;
  readonly storedBytes: number;
}

export interface LogEventRecord {
  readonly groupName: string;
  readonly streamName: string;
  /** Unique within the store, ascending in order of ingestion. */
  readonly id: string;
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
}

/** Events for one stream of one group, in the order given (appendLogEvents). */
export interface LogAppend {
  readonly groupName: string;
  readonly streamName: string;
  readonly events: readonly { readonly timestamp: number; readonly message: string }[];
}

/** Which events to read: of a group, optionally some of its streams, within [startTime, endTime). */
export interface LogEventsQuery {
  readonly groupName: string;
  /** Only these streams (empty or undefined: all). */
  readonly streamNames?: readonly string[];
  /** Only streams whose name starts with this. */
  readonly streamNamePrefix?: string;
  /** Inclusive, ms since the epoch. */
  readonly startTime?: number;
  /** Exclusive. */
  readonly endTime?: number;
}

/** How DescribeLogStreams orders: by name, or by the time of the last event. */
export interface LogStreamsQuery {
  readonly groupName: string;
  /** Only with orderBy "LogStreamName". */
  readonly prefix?: string;
  readonly orderBy: "LogStreamName" | "LastEventTime";
  readonly descending: boolean;
}
