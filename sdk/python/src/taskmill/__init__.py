# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""Taskmill's Python SDK: ``Worker`` serves task types over the lease protocol, ``Client`` creates and reads
tasks. Standard library only. Delivery is at least once: handlers must be idempotent (docs/workers.md)."""

from .backoff import Backoff
from .client import FINISHED, Client
from .errors import ApiError, PermanentError, TransportError
from .task import Task
from .worker import Worker

__all__ = ["ApiError", "Backoff", "Client", "FINISHED", "PermanentError", "Task", "TransportError", "Worker"]
__version__ = "0.1.0"
