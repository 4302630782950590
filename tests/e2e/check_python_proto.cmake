# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# sdk.PythonProtoCurrent: the Python SDK ships the messages protoc generates from proto/taskmill/v1/taskmill.proto
# (sdk/python/src/taskmill/v1/taskmill_pb2.py, so that installing the SDK needs no protoc). Fails when the .proto
# changed and the file was not generated again:
#   protoc -I proto --python_out=sdk/python/src proto/taskmill/v1/taskmill.proto
#   cmake -DPROTOC=protoc -DSOURCE=<tree> -DOUT=<scratch dir> -P check_python_proto.cmake
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${PROTOC} -I ${SOURCE}/proto --python_out=${OUT} ${SOURCE}/proto/taskmill/v1/taskmill.proto
                RESULT_VARIABLE failed ERROR_VARIABLE why)
if(failed)
  message(FATAL_ERROR "protoc failed: ${why}")
endif()
file(READ ${OUT}/taskmill/v1/taskmill_pb2.py fresh)
file(READ ${SOURCE}/sdk/python/src/taskmill/v1/taskmill_pb2.py shipped)
if(NOT fresh STREQUAL shipped)
  message(FATAL_ERROR "sdk/python/src/taskmill/v1/taskmill_pb2.py is older than proto/taskmill/v1/taskmill.proto; "
                      "generate it again: protoc -I proto --python_out=sdk/python/src proto/taskmill/v1/taskmill.proto")
endif()
message(STATUS "the Python SDK's taskmill_pb2.py matches the .proto")
