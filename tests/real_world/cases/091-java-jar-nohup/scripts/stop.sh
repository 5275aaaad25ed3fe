#!/bin/bash
docker rm -f spring-app
